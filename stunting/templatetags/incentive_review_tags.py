"""The kasi kesra's review block of an assessment (`{% assessment_review assessment %}`, used by
`stunting/_assessment_review.html`, which needs only `assessment` and `user`)."""

from __future__ import annotations

from django import template

from ..forms.incentive_review import ApproveForm, ReturnForm, ReviewReopenForm
from ..incentive import review

register = template.Library()


@register.inclusion_tag("stunting/incentive/_review_block.html", takes_context=True)
def assessment_review(context, assessment):
    user = context["user"]
    request = context.get("request")
    reviewer = review.is_reviewer(user, assessment)
    block = {"assessment": assessment, "user": user, "reviewer": reviewer}
    block["next"] = request.get_full_path() if request is not None else ""
    block["period"] = review.period_label(assessment)
    if not reviewer:
        return block
    unanswered = review.unanswered_appeals(assessment)
    initial = {"version": assessment.version}
    block.update(
        summary=review.payout_summary(assessment),
        unanswered=unanswered,
        blockers=review.approval_blockers(assessment, user, unanswered=len(unanswered)),
        approve_form=ApproveForm(initial=initial, auto_id="id_approve_%s"),
        return_form=ReturnForm(initial=initial, auto_id="id_return_%s"),
        reopen_form=ReviewReopenForm(initial=initial, auto_id="id_reopen_%s"),
    )
    return block

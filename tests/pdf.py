"""Reading back the PDF documents the app sends (text extracted with pypdf)."""

import io
import re

from pypdf import PdfReader


def pdf_text(response) -> str:
    """The text of every page of a PDF response, white space folded into single spaces (table
    cells wrap names over lines)."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))

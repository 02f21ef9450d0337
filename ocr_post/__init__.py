"""Turn raw document-OCR output (DeepSeek-OCR, RapidOCR, Tesseract) into clean, structured documents

Modules:

- `ocr_post.export`: Write a `Document` out: JSON (everything), Markdown (plain or GitHub-flavoured), a standalone HTML page, a Word document with real heading styles, and a typeset PDF with bookmarks."""

__version__ = "0.1.0"

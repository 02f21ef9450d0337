"""Turn raw document-OCR output (DeepSeek-OCR, RapidOCR, Tesseract) into clean, structured documents

Modules:

- `ocr_post.recognize`: Page images and PDFs to raw OCR: RapidOCR (the CPU default), Tesseract, and DeepSeek-OCR(-2) through transformers, vLLM or any OpenAI-compatible server, all behind one on-disk cache."""

__version__ = "0.1.0"

"""Turn raw document-OCR output (DeepSeek-OCR, RapidOCR, Tesseract) into clean, structured documents"""

__version__ = "0.1.0"

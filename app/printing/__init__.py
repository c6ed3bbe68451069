"""PDF (reportlab) and Word (python-docx) renderers: plain data in, file out."""

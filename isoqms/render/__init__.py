"""Documents out: PDF (reportlab), DOCX, XLSX. Renderers take frozen snapshots and return
bytes; they never touch the database."""

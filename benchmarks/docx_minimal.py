"""The baseline for export: write a one-paragraph .docx with python-docx, nothing else.

Usage: python docx_minimal.py OUT.docx [PARAGRAPHS]

With PARAGRAPHS (for information only, no target) it writes that many paragraphs of about
a sentence each, roughly the size of the policy somewizard writes (~200 paragraphs).
"""

import sys

from docx import Document


def main() -> int:
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    document = Document()
    for i in range(count):
        document.add_paragraph(
            f"Paragraph {i + 1}: a sentence of about the length of one in "
            "the policy, written with python-docx."
        )
    document.save(sys.argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())

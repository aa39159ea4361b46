"""somewizard: write a small business's social-media policy, step by step."""

__version__ = "0.1.0"

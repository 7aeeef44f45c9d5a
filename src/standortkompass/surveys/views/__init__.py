"""Views of the surveys app, one module per area (set-up, distribution, results, respondent pages)."""

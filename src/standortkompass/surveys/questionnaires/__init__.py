"""Shipped questionnaires (XLSForm) and the generator of the default questionnaire."""

"""The bare Django view of the load benchmark (bench/survey_load.py); not part of the package."""

""" "Trouver mon métier": from what a student has and wants to the careers that fit, and the gap.

The whole profile lives in the query string (forms.py); the ranking is computed in the
database (ranking.py) and explained career by career (explanation.py); "Passer de A à B"
compares two sheets (transition.py). A site package: it reads the careers, skills and
certifications apps and nothing above them.
"""

# resources/ holds files, not code. This marker lets the wheel install it as the package
# `exportref_resources`, which gui/resources.py locates.

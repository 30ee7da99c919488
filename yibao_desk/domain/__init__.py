"""The pure-Python core: catalog, region profiles, checklist rules, validators, working days.

Nothing here imports Qt, SQLAlchemy or any other layer of yibao-desk.
"""

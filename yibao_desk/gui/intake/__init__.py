"""The intake screen: service picker, scenario questions, material checklist, applicant panel, verdict."""

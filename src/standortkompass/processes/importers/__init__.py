"""Readers for files users upload into a process (e.g. the chamber's member list)."""

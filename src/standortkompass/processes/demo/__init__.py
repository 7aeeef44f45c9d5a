"""The demo process "Zukunftsstrategie Landkreis Ludwigsburg".

``data`` holds the content as plain constants (fixed dates, so that loading it again changes
nothing); ``builder`` turns it, together with the official regions, into the field values that
``standortkompass.processes.services.demo`` writes.
"""

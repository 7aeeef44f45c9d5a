"""The demo process "Zukunftsstrategie Landkreis Ludwigsburg".

``data`` (process, phases, organisations, boards, log-ins) and ``dates_and_news`` hold the
content as plain constants with fixed dates, so that loading it again changes nothing;
``builder`` turns it, together with the official regions, into the field values that
``standortkompass.processes.services.demo`` writes.
"""

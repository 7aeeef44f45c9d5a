"""The location analysis of one region, and of all districts at once, on employment by sector.

One module each: ``region`` (one region against a reference), ``districts`` (every district
at once), ``data`` (the regions and the employment table they read), ``errors``.

Both read employment at the workplace by sector (indicator ``employees_workplace``, the
Regionaldatenbank table 13111-07-05-4) either from the database or from a long table
(columns ``region``, ``sector``, ``year``, ``value``; see :mod:`standortkompass.analysis`)
and hand it to the analysis library:

* the sectors are the non-overlapping partition of the listed codes
  (:func:`~standortkompass.analysis.sectors.select_partition`); aggregates such as ``B-F``
  and ``G-U`` and the official total are left out of every sum and reported;
* location quotients of the end year use the official total as denominator when the data
  has one (totals convention, :mod:`standortkompass.analysis.totals`);
* specialisation indices (end year) and the four shift-share forms are computed over the
  partition;
* every value left out is reported with its reason, never imputed.

Errors in the request (unknown region, a reference that does not contain the region, a
period outside the data) raise an :class:`AnalysisError` whose message is an English msgid,
translated into German where a translation is active.
"""

"""Reading scanned ballots: files to grey pages, locating the printed ballot on each page,
measuring every level cell. The decisions (thresholds, row and page rules) live in
:mod:`desktop_app.domain.omr`. No Qt, no SQL."""

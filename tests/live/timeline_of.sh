# Sourced by the sniff tests: timeline_of JSONL prints what "sniff matches the offline
# analysis" compares (docs/sniff.md): per connection, the sequence of its timeline events
# (entity, sending side, kind, text) and, separately, the sequence of its diagnostics (entity,
# id, detail). Times and frame numbers are left out: a live capture has its own clock and
# counts frames from its start. Lines are grouped by connection (stable sort), so the order
# in which connections were written out does not matter, the order within one does.
timeline_of() {
  jq -r 'select(.record == "event") | "\(.connection)\tevent\t\(.entity)\t\(.from)\t\(.kind)\t\(.text)"' "$1" |
    sort -s -t "$(printf '\t')" -k1,2
  jq -r 'select(.record == "diagnostic" and .connection != null) |
           "\(.connection)\tdiagnostic\t\(.entity)\t\(.id)\t\(.detail)"' "$1" |
    sort -s -t "$(printf '\t')" -k1,2
}

# A per-day dashboard: how many leads the agent collected each day in
# January, with no lead and no personal data in the state.
data "chatzuri_lead_counts" "january" {
  agent_id   = "agt_demo"
  start_date = "2026-01-01"
  end_date   = "2026-01-31"
}

output "leads_per_day" {
  value = data.chatzuri_lead_counts.january.by_day
}

output "lead_dashboard" {
  value = join("\n", concat(
    [for day in sort(keys(data.chatzuri_lead_counts.january.by_day)) : format("%s  %5d", day, data.chatzuri_lead_counts.january.by_day[day])],
    [format("%-10s  %5d", "undated", data.chatzuri_lead_counts.january.undated)],
    [format("%-10s  %5d", "total", data.chatzuri_lead_counts.january.total)],
  ))
}

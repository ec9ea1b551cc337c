const iso = (d: Date) => d.toISOString().slice(0, 10)

/** Preset periods up to `today` (the city's date, YYYY-MM-DD); the default is the current year so far. */
export const periodPresets = (today: string) => {
  const y = Number(today.slice(0, 4))
  const m = Number(today.slice(5, 7)) - 1
  return {
    thisYear: { from: `${y}-01-01`, to: today },
    lastYear: { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` },
    last12Months: { from: iso(new Date(Date.UTC(y, m - 11, 1))), to: today },
    thisMonth: { from: iso(new Date(Date.UTC(y, m, 1))), to: today }
  }
}

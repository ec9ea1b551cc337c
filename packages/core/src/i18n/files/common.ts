/**
 * Words every file yinfa writes for people shares (spreadsheets, templates, printed documents):
 * yes/no cells, the separator of multi-valued cells, how a volunteer is named. Keys must match
 * between the two languages (the type sees to it).
 */
export const commonFileZhCN = {
  "file.appName": "银发再出发",
  "file.yes": "是",
  "file.no": "否",
  "file.listSeparator": "、",
  "file.volunteerLabel": "{name}（{number}）",
  "file.expertiseYears": "{label}（{years}年）",
  "file.expertiseOneYear": "{label}（{years}年）"
} as const

export const commonFileEn: Record<keyof typeof commonFileZhCN, string> = {
  "file.appName": "Silver Hair Sets Out Again",
  "file.yes": "yes",
  "file.no": "no",
  "file.listSeparator": ", ",
  "file.volunteerLabel": "{name} ({number})",
  "file.expertiseYears": "{label} ({years} years)",
  "file.expertiseOneYear": "{label} ({years} year)"
}

import { Alert, Box, Button, Card, CardContent, CircularProgress, Stack, TextField, Typography } from "@mui/material"
import type { CertificateVerification } from "@yinfa/core"
import { type FormEvent, useEffect, useState } from "react"
import { useLocaleState, useNavigate, useParams, useTranslate } from "react-admin"
import { stars } from "../common/fields.js"
import { formatDate, formatNumber } from "../common/format.js"
import { fetchPublicJson } from "../importExport/client.js"
import { useImportExportClient } from "../importExport/context.js"

type State =
  | { readonly kind: "idle" }
  | { readonly kind: "loading" }
  | { readonly kind: "found"; readonly certificate: CertificateVerification }
  | { readonly kind: "missing"; readonly number: string }
  | { readonly kind: "error"; readonly message: string }

/**
 * 服务证明查验 (#/verify, #/verify/<number>): anyone holding a certificate checks it here without
 * signing in. It shows exactly what the public endpoint answers — what the paper shows — so a
 * forged paper differs from it.
 */
export const VerifyPage = () => {
  const translate = useTranslate()
  const [locale] = useLocaleState()
  const navigate = useNavigate()
  const client = useImportExportClient()
  const { number: routeNumber = "" } = useParams<{ number?: string }>()
  const [typed, setTyped] = useState(routeNumber)
  const [state, setState] = useState<State>({ kind: "idle" })

  useEffect(() => {
    setTyped(routeNumber)
    const wanted = routeNumber.trim()
    if (!wanted || !client) return setState({ kind: "idle" })
    let live = true
    setState({ kind: "loading" })
    fetchPublicJson<CertificateVerification>(client, `/certificates/verify/${encodeURIComponent(wanted)}`).then(
      (certificate) => live && setState({ kind: "found", certificate }),
      (e: Error & { status?: number }) =>
        live && setState(e.status === 404 ? { kind: "missing", number: wanted } : { kind: "error", message: e.message })
    )
    return () => {
      live = false
    }
  }, [routeNumber, client])

  const submit = (e: FormEvent) => {
    e.preventDefault()
    // The number is in the address, so a verification can be shared or bookmarked.
    if (typed.trim()) navigate(`/verify/${encodeURIComponent(typed.trim())}`)
  }

  return (
    <Box sx={{ minHeight: "100vh", display: "flex", justifyContent: "center", alignItems: "flex-start", bgcolor: "#f5f5f5", p: 2 }}>
      <Card sx={{ width: "100%", maxWidth: 640, mt: { xs: 2, md: 8 } }}>
        <CardContent>
          <Typography variant="h5" component="h1" gutterBottom>
            {translate("yinfa.certificate.verify.title")}
          </Typography>
          <Stack component="form" direction="row" gap={1} onSubmit={submit} sx={{ mb: 2 }}>
            <TextField
              label={translate("resources.certificates.fields.certificateNumber")}
              helperText={translate("yinfa.certificate.verify.help")}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              fullWidth
            />
            <Button type="submit" variant="contained" sx={{ alignSelf: "flex-start", mt: 1, flexShrink: 0, whiteSpace: "nowrap" }}>
              {translate("yinfa.certificate.verify.check")}
            </Button>
          </Stack>
          {state.kind === "loading" && <CircularProgress size={24} />}
          {state.kind === "missing" && (
            <Alert severity="warning">{translate("yinfa.certificate.verify.notFound", { number: state.number })}</Alert>
          )}
          {state.kind === "error" && <Alert severity="error">{state.message}</Alert>}
          {state.kind === "found" && <Certificate c={state.certificate} locale={locale} />}
          <Box sx={{ mt: 3 }}>
            <Button size="small" onClick={() => navigate("/login")}>
              {translate("yinfa.certificate.verify.signIn")}
            </Button>
          </Box>
        </CardContent>
      </Card>
    </Box>
  )
}

const Certificate = ({ c, locale }: { c: CertificateVerification; locale: string }) => {
  const translate = useTranslate()
  const field = (name: string) => translate(`resources.certificates.fields.${name}`)
  const period =
    c.periodFrom || c.periodTo
      ? `${formatDate(locale, c.periodFrom)} — ${formatDate(locale, c.periodTo)}`
      : translate("yinfa.certificate.verify.allTime")
  const rows: Array<[string, string]> = [
    [field("certificateNumber"), c.certificateNumber],
    [field("volunteerName"), c.volunteerName],
    [field("volunteerNumber"), c.volunteerNumber],
    [field("maskedIdNumber"), c.maskedIdNumber ?? "—"],
    [translate("yinfa.certificate.verify.period"), period],
    [field("totalHours"), translate("yinfa.common.hours", { hours: formatNumber(locale, c.totalHours) })],
    // As the certificate prints it (☆☆☆☆☆（0 星）), so the two read alike side by side.
    [field("starLevel"), translate("yinfa.certificate.verify.stars", { stars: stars(c.starLevel), level: c.starLevel })],
    [field("serviceSummary"), c.serviceSummary || "—"],
    [translate("yinfa.certificate.verify.issuer"), c.issuer.name],
    [translate("yinfa.certificate.verify.personInCharge"), c.issuer.personInCharge || "—"],
    [translate("yinfa.certificate.verify.contact"), c.issuer.contact || "—"],
    [field("issuedOn"), formatDate(locale, c.issuedOn)]
  ]
  return (
    <>
      <Alert severity="success" sx={{ mb: 2 }}>
        {translate("yinfa.certificate.verify.valid")}
      </Alert>
      <Box component="dl" sx={{ display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: 2, rowGap: 1, m: 0 }}>
        {rows.map(([label, value]) => (
          <Box key={label} sx={{ display: "contents" }}>
            <Typography component="dt" color="text.secondary">
              {label}
            </Typography>
            <Typography component="dd" sx={{ m: 0, whiteSpace: "pre-line" }}>
              {value}
            </Typography>
          </Box>
        ))}
      </Box>
    </>
  )
}

import { defaultTheme, type RaThemeOptions } from "react-admin"

/**
 * Large, legible type for staff who are often retirees themselves, on laptops and tablets:
 * a 17px base, roomy touch targets, Chinese fonts first.
 */
export const yinfaTheme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    mode: "light",
    primary: { main: "#b71c1c" },
    secondary: { main: "#8d6e00" },
    background: { default: "#faf7f2" }
  },
  typography: {
    fontSize: 16,
    htmlFontSize: 16,
    fontFamily: ['"Noto Sans CJK SC"', '"PingFang SC"', '"Microsoft YaHei"', '"Source Han Sans SC"', "system-ui", "sans-serif"].join(","),
    body1: { fontSize: "1.0625rem", lineHeight: 1.7 },
    body2: { fontSize: "1rem", lineHeight: 1.6 },
    button: { fontSize: "1rem", textTransform: "none" }
  },
  components: {
    ...defaultTheme.components,
    MuiButton: { defaultProps: { size: "large" } },
    // Column titles stay on one line: a two-character title broken over two lines reads as two words.
    MuiTableCell: { styleOverrides: { root: { fontSize: "1rem", padding: "12px 16px" }, head: { whiteSpace: "nowrap" } } },
    MuiMenuItem: { styleOverrides: { root: { minHeight: 48 } } },
    MuiTextField: { defaultProps: { variant: "outlined" } }
  }
}

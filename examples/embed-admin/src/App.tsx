import CampaignIcon from "@mui/icons-material/Campaign"
import {
  activities,
  createAuthProvider,
  createDataProvider,
  createHttpClient,
  pairings,
  participations,
  volunteers,
  webStorageSession,
  en as yinfaEn,
  yinfaResources,
  zhCN as yinfaZhCN
} from "@yinfa/admin"
import simpleRestProvider from "ra-data-simple-rest"
import polyglotI18nProvider from "ra-i18n-polyglot"
import { Admin, combineDataProviders, Resource } from "react-admin"
import { AnnouncementCreate, AnnouncementEdit, AnnouncementList } from "./announcements.js"

/**
 * An existing bureau back office that adds yinfa's volunteer screens to its own. It keeps its own
 * Admin, layout and data provider for its resources, and routes yinfa's resources to yinfa's API.
 */

// The host's own catalogue: yinfa's catalogues (react-admin's messages included) plus its keys.
const messages = {
  "zh-CN": {
    ...yinfaZhCN,
    resources: {
      ...yinfaZhCN.resources,
      announcements: { name: "通知公告", fields: { title: "标题", body: "正文", publishedOn: "发布日期" } }
    }
  },
  en: {
    ...yinfaEn,
    resources: {
      ...yinfaEn.resources,
      announcements: { name: "Announcement |||| Announcements", fields: { title: "Title", body: "Body", publishedOn: "Published" } }
    }
  }
}
const i18nProvider = polyglotI18nProvider((l) => (l === "en" ? messages.en : messages["zh-CN"]), "zh-CN", [
  { locale: "zh-CN", name: "简体中文" },
  { locale: "en", name: "English" }
])

// yinfa's providers, pointed at wherever the host mounted the yinfa API.
const session = webStorageSession(localStorage, "host.yinfa.session")
const httpClient = createHttpClient({ session, getLocale: () => i18nProvider.getLocale() })
const yinfaData = createDataProvider("/api", httpClient)
const authProvider = createAuthProvider({ apiUrl: "/api", session, httpClient })

// The host's own API for its own resources (any react-admin data provider would do).
const hostData = simpleRestProvider("/host-api")

const dataProvider = combineDataProviders((resource) => (resource === "announcements" ? hostData : yinfaData))

export const App = () => (
  <Admin dataProvider={dataProvider} authProvider={authProvider} i18nProvider={i18nProvider} title="老干部局工作台" disableTelemetry>
    <Resource name="announcements" list={AnnouncementList} create={AnnouncementCreate} edit={AnnouncementEdit} icon={CampaignIcon} />
    {/* Pick yinfa's resources one by one … */}
    <Resource name="volunteers" {...volunteers} />
    <Resource name="activities" {...activities} />
    <Resource name="participations" {...participations} />
    <Resource name="pairings" {...pairings} />
    {/* … or the rest by name, as YinfaAdmin does (users only matter to city admins). */}
    <Resource name="pairing-check-ins" {...yinfaResources["pairing-check-ins"]} />
    <Resource name="experience-reports" {...yinfaResources["experience-reports"]} />
    <Resource name="regions" {...yinfaResources.regions} />
    <Resource name="organizations" {...yinfaResources.organizations} />
    <Resource name="brand-projects" {...yinfaResources["brand-projects"]} />
  </Admin>
)

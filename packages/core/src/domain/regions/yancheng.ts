import type { Region } from "../region.js"
import type { RegionCode } from "../ids.js"

/**
 * Yancheng's county-level jurisdictions, a preset that another city replaces with its own.
 * Codes are the GB/T 2260 / statistical division codes; 盐南高新区 and 市直 have none, so they
 * get stable codes of our own under the city's prefix.
 */
export const YANCHENG_CITY_CODE = "320900"

const r = (code: string, name: string, nameEn: string, kind: Region["kind"], slug: string, sortOrder: number): Region => ({
  id: code as RegionCode,
  code: code as RegionCode,
  name,
  nameEn,
  kind,
  parentCode: YANCHENG_CITY_CODE,
  slug,
  sortOrder
})

export const YANCHENG_REGIONS: ReadonlyArray<Region> = [
  r("320902", "亭湖区", "Tinghu District", "district", "tinghu", 1),
  r("320903", "盐都区", "Yandu District", "district", "yandu", 2),
  r("320904", "大丰区", "Dafeng District", "district", "dafeng", 3),
  r("320981", "东台市", "Dongtai City", "county-city", "dongtai", 4),
  r("320925", "建湖县", "Jianhu County", "county", "jianhu", 5),
  r("320924", "射阳县", "Sheyang County", "county", "sheyang", 6),
  r("320923", "阜宁县", "Funing County", "county", "funing", 7),
  r("320922", "滨海县", "Binhai County", "county", "binhai", 8),
  r("320921", "响水县", "Xiangshui County", "county", "xiangshui", 9),
  r("320971", "盐城经济技术开发区", "Yancheng Economic & Technological Development Zone", "zone", "kaifaqu", 10),
  r("3209YN", "盐南高新区", "Yannan High-tech Zone", "zone", "yannan", 11),
  r("3209SZ", "市直", "City-level units", "city-level", "shizhi", 12)
]

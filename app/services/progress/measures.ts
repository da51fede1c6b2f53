/**
 * The measures of the plan's 取組一覧 that this portal serves, worded as the plan words
 * them. A measure whose service is not built yet has no stats module registered and the
 * progress page says so instead of showing zeros.
 */
export const MEASURES = [
  {
    key: "training",
    name: "階層別研修の見直し・実施",
    owner: "総務企画局人事部人材育成課",
    plannedOutput: "R8年度から段階的に見直し 研修の実施（毎年度）",
    description: "選択制の導入による階層別研修の再構成など、職員の主体的な学びを実現できる研修体系に見直す。",
  },
  {
    key: "subsidy",
    name: "資格取得費用の助成",
    owner: "総務企画局人事部人材育成課",
    plannedOutput: "制度の検討（R8年度） 試行実施（R9年度～）",
    description: "業務遂行上有用と認められる資格等の取得に要した費用の一部を助成する。",
  },
  {
    key: "promotion",
    name: "昇任型公募制度",
    owner: "総務企画局人事部人事課",
    plannedOutput: "R9年度から試行実施",
    description: "意欲のある職員が、上位職へ自ら手を挙げて応募する制度。",
  },
  {
    key: "mentor",
    name: "職員メンター制度の運用",
    owner: "総務企画局人事部人事課",
    plannedOutput: "制度の運用（毎年度）",
    description: "先輩職員（メンター）がキャリア形成及び職務遂行上の悩みを抱える後輩職員（メンティ）をサポートする。",
  },
  {
    key: "consultation",
    name: "外部の専門家相談窓口",
    owner: "総務企画局人事部労務厚生課",
    plannedOutput: "R8年度から実施",
    description: "外部の専門家（キャリアコンサルタント）に仕事や生活などを相談できる窓口を新たに設置する。",
  },
] as const;

export type MeasureKey = (typeof MEASURES)[number]["key"];
export type Measure = (typeof MEASURES)[number];

export function measureByKey(key: string): Measure | undefined {
  return MEASURES.find((m) => m.key === key);
}

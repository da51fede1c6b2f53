/** Kawasaki's real 局/区 with plausible 部 and 課 under them (demo data, not the real roster). */
export const BUREAUS: { name: string; divisions: { name: string; sections: string[] }[] }[] = [
  {
    name: "総務企画局",
    divisions: [
      { name: "人事部", sections: ["人事課", "人材育成課", "労務厚生課", "給与課"] },
      { name: "デジタル戦略推進室", sections: ["DX推進課", "ICT推進課"] },
      { name: "危機管理本部", sections: ["危機管理課", "防災計画課"] },
    ],
  },
  { name: "財政局", divisions: [{ name: "財政部", sections: ["財政課", "資金課"] }, { name: "税務部", sections: ["税制課", "市民税課", "固定資産税課"] }] },
  { name: "市民文化局", divisions: [{ name: "市民生活部", sections: ["戸籍住民サービス課", "地域安全推進課"] }, { name: "市民スポーツ室", sections: ["スポーツ推進課"] }] },
  { name: "経済労働局", divisions: [{ name: "産業政策部", sections: ["企画課", "工業振興課"] }, { name: "労働雇用部", sections: ["労働雇用課"] }] },
  { name: "環境局", divisions: [{ name: "脱炭素戦略推進室", sections: ["脱炭素推進課"] }, { name: "生活環境部", sections: ["廃棄物政策課", "収集計画課"] }] },
  {
    name: "健康福祉局",
    divisions: [
      { name: "地域包括ケア推進室", sections: ["地域包括ケア推進課"] },
      { name: "長寿社会部", sections: ["高齢者在宅サービス課", "介護保険課"] },
      { name: "障害保健福祉部", sections: ["障害計画課", "精神保健課"] },
    ],
  },
  { name: "こども未来局", divisions: [{ name: "こども支援部", sections: ["こども家庭課", "こども保健福祉課"] }, { name: "保育・子育て推進部", sections: ["保育所等・幼稚園課", "保育対策課"] }] },
  { name: "まちづくり局", divisions: [{ name: "計画部", sections: ["都市計画課", "景観・地区まちづくり支援課"] }, { name: "住宅政策部", sections: ["住宅整備推進課"] }] },
  { name: "建設緑政局", divisions: [{ name: "道路河川整備部", sections: ["道路整備課", "河川課"] }, { name: "緑政部", sections: ["みどりの企画管理課", "公園管理課"] }] },
  { name: "港湾局", divisions: [{ name: "港湾経営部", sections: ["経営企画課", "誘致振興課"] }] },
  { name: "上下水道局", divisions: [{ name: "経営管理部", sections: ["経営戦略・危機管理室", "庶務課"] }, { name: "水道部", sections: ["水道計画課", "配水課"] }, { name: "下水道部", sections: ["下水道計画課", "管路保全課"] }] },
  { name: "消防局", divisions: [{ name: "総務部", sections: ["庶務課", "人事課"] }, { name: "警防部", sections: ["警防課", "救急課"] }] },
  ...["川崎区役所", "幸区役所", "中原区役所", "高津区役所", "宮前区役所", "多摩区役所", "麻生区役所"].map((ward) => ({
    name: ward,
    divisions: [
      { name: "まちづくり推進部", sections: ["企画課", "地域振興課"] },
      { name: "区民サービス部", sections: ["区民課", "保険年金課"] },
      { name: "地域みまもり支援センター", sections: ["地域支援課", "高齢・障害課", "児童家庭課"] },
    ],
  })),
];

/** 職種 typical of each kind of bureau; the first is the most common. */
export function jobCategoriesFor(bureau: string): string[] {
  if (bureau === "消防局") return ["消防", "消防", "消防", "行政事務"];
  if (bureau === "上下水道局") return ["土木", "電気", "機械", "行政事務", "化学"];
  if (bureau === "建設緑政局") return ["土木", "造園", "行政事務"];
  if (bureau === "まちづくり局") return ["建築", "土木", "行政事務"];
  if (bureau === "健康福祉局") return ["行政事務", "福祉", "保健師", "社会福祉職"];
  if (bureau === "こども未来局") return ["行政事務", "保育士", "福祉", "保健師"];
  if (bureau.endsWith("区役所")) return ["行政事務", "行政事務", "福祉", "保健師", "社会福祉職"];
  return ["行政事務", "行政事務", "行政事務", "電気"];
}

export const SURNAMES: [string, string][] = [
  ["佐藤", "サトウ"], ["鈴木", "スズキ"], ["高橋", "タカハシ"], ["田中", "タナカ"], ["伊藤", "イトウ"],
  ["渡辺", "ワタナベ"], ["山本", "ヤマモト"], ["中村", "ナカムラ"], ["小林", "コバヤシ"], ["加藤", "カトウ"],
  ["吉田", "ヨシダ"], ["山田", "ヤマダ"], ["佐々木", "ササキ"], ["山口", "ヤマグチ"], ["松本", "マツモト"],
  ["井上", "イノウエ"], ["木村", "キムラ"], ["林", "ハヤシ"], ["斎藤", "サイトウ"], ["清水", "シミズ"],
  ["山崎", "ヤマザキ"], ["森", "モリ"], ["池田", "イケダ"], ["橋本", "ハシモト"], ["阿部", "アベ"],
  ["石川", "イシカワ"], ["前田", "マエダ"], ["小川", "オガワ"], ["岡田", "オカダ"], ["長谷川", "ハセガワ"],
  ["藤田", "フジタ"], ["近藤", "コンドウ"], ["村上", "ムラカミ"], ["遠藤", "エンドウ"], ["青木", "アオキ"],
];
export const GIVEN_NAMES: { name: string; kana: string; gender: "男性" | "女性" }[] = [
  { name: "大翔", kana: "ヒロト", gender: "男性" }, { name: "蓮", kana: "レン", gender: "男性" },
  { name: "健一", kana: "ケンイチ", gender: "男性" }, { name: "誠", kana: "マコト", gender: "男性" },
  { name: "翔太", kana: "ショウタ", gender: "男性" }, { name: "拓也", kana: "タクヤ", gender: "男性" },
  { name: "直樹", kana: "ナオキ", gender: "男性" }, { name: "浩二", kana: "コウジ", gender: "男性" },
  { name: "隆", kana: "タカシ", gender: "男性" }, { name: "悠真", kana: "ユウマ", gender: "男性" },
  { name: "陽菜", kana: "ヒナ", gender: "女性" }, { name: "結衣", kana: "ユイ", gender: "女性" },
  { name: "美咲", kana: "ミサキ", gender: "女性" }, { name: "真由美", kana: "マユミ", gender: "女性" },
  { name: "恵子", kana: "ケイコ", gender: "女性" }, { name: "彩", kana: "アヤ", gender: "女性" },
  { name: "智子", kana: "トモコ", gender: "女性" }, { name: "さくら", kana: "サクラ", gender: "女性" },
  { name: "愛", kana: "アイ", gender: "女性" }, { name: "裕子", kana: "ユウコ", gender: "女性" },
];

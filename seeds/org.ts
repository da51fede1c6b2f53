import { BUREAUS, GIVEN_NAMES, SURNAMES, jobCategoriesFor } from "./org-data";
import { createRandom, type Random } from "./random";

/** `sortOrder`: the city's 組織順 (局 in order, then 川崎区 → 麻生区), as the org CSV's 表示順 carries it. */
export type SeedOrgUnit = { code: string; name: string; kind: "bureau" | "division" | "section"; parentCode: string | null; sortOrder: number };
export type SeedEmployee = {
  staffNumber: string;
  name: string;
  kana: string;
  email: string;
  orgCode: string;
  rank: string;
  jobCategory: string;
  employmentType: string;
  hiredOn: string;
  rankSince: string;
  birthYear: number;
  gender: string | null;
  supervisorStaffNumber: string | null;
  /** 勤務状況 and 現所属配属日 (optional facts of the personnel data). */
  workStatus?: string | null;
  assignedOn?: string | null;
};
export type SeedCity = { orgUnits: SeedOrgUnit[]; employees: SeedEmployee[] };

/** The demo accounts the README names; everyone else is generated around them. */
export const DEMO_ACCOUNTS = {
  employee: { staffNumber: "100001", name: "川崎 花子", kana: "カワサキ ハナコ" },
  supervisor: { staffNumber: "100002", name: "多摩 一郎", kana: "タマ イチロウ" },
  hrDev: { staffNumber: "100003", name: "麻生 由紀", kana: "アサオ ユキ" },
  hrPersonnel: { staffNumber: "100004", name: "高津 健", kana: "タカツ ケン" },
  welfare: { staffNumber: "100005", name: "宮前 さおり", kana: "ミヤマエ サオリ" },
  admin: { staffNumber: "100009", name: "幸 誠", kana: "サイワイ マコト" },
  consultant: { staffNumber: "900001", name: "岡本 奈美", kana: "オカモト ナミ" },
} as const;
export const DEMO_PASSWORD = "kawasaki2026";

const SEED_TODAY = { year: 2026, month: 11 };

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const RANK_YEARS: Record<string, [number, number]> = {
  局長: [30, 38],
  部長: [26, 35],
  課長: [20, 32],
  課長補佐: [16, 28],
  係長: [10, 25],
  主任: [6, 20],
  一般職員: [0, 10],
};

function person(rng: Random, rank: string, bureau: string, orgCode: string, staffNumber: string, supervisor: string | null): SeedEmployee {
  const [surname, surnameKana] = rng.pick(SURNAMES);
  const given = rng.pick(GIVEN_NAMES);
  const [minYears, maxYears] = RANK_YEARS[rank] ?? [0, 10];
  const serviceYears = rng.int(minYears, maxYears);
  const hireYear = SEED_TODAY.year - serviceYears - (SEED_TODAY.month < 4 ? 1 : 0);
  const hiredOn = iso(hireYear, 4, 1);
  // Some are new in their rank this 年度 (新任), which the training tiers depend on.
  const rankYear = rank === "一般職員" ? hireYear : Math.min(SEED_TODAY.year, hireYear + rng.int(minYears > 0 ? minYears - 2 : 0, serviceYears));
  const rankSince = rank === "一般職員" ? hiredOn : iso(Math.max(rankYear, hireYear), 4, 1);
  const categories = jobCategoriesFor(bureau);
  const employmentType = rank === "一般職員" && rng.chance(0.06) ? "会計年度任用" : rng.chance(0.01) ? "任期付" : "正規";
  return {
    staffNumber,
    name: `${surname} ${given.name}`,
    kana: `${surnameKana} ${given.kana}`,
    email: `s${staffNumber}@city.kawasaki.example`,
    orgCode,
    rank,
    jobCategory: rng.pick(categories),
    employmentType,
    hiredOn,
    rankSince,
    birthYear: hireYear - rng.int(22, 30),
    gender: rng.chance(0.93) ? given.gender : null,
    supervisorStaffNumber: supervisor,
  };
}

/**
 * A deterministic demo city: Kawasaki's 局/区, their 部 and 課, and `employeeCount`
 * employees with supervisor lines 一般職員・主任 → 係長 → 課長補佐 → 課長 → 部長 → 局長.
 */
export function generateCity(employeeCount = 800, seed = 20260401): SeedCity {
  const rng = createRandom(seed);
  const orgUnits: SeedOrgUnit[] = [];
  const employees: SeedEmployee[] = [];
  let next = 200001;
  const newNumber = () => String(next++);

  const sectionCount = BUREAUS.reduce((n, b) => n + b.divisions.reduce((m, d) => m + d.sections.length, 0), 0);
  const managers = BUREAUS.length + BUREAUS.reduce((n, b) => n + b.divisions.length, 0);
  const perSection = Math.max(4, Math.floor((employeeCount - managers) / sectionCount));

  BUREAUS.forEach((bureau, bi) => {
    const bureauCode = `B${String(bi + 1).padStart(2, "0")}`;
    // BUREAUS lists the 局 in the city's order, then the 区役所 from 川崎区 to 麻生区.
    orgUnits.push({ code: bureauCode, name: bureau.name, kind: "bureau", parentCode: null, sortOrder: (bi + 1) * 100 });
    const director = newNumber();
    employees.push(person(rng, "局長", bureau.name, bureauCode, director, null));
    bureau.divisions.forEach((division, di) => {
      const divisionCode = `${bureauCode}D${di + 1}`;
      orgUnits.push({ code: divisionCode, name: division.name, kind: "division", parentCode: bureauCode, sortOrder: (bi + 1) * 100 + (di + 1) * 10 });
      const divisionHead = newNumber();
      employees.push(person(rng, "部長", bureau.name, divisionCode, divisionHead, director));
      division.sections.forEach((section, si) => {
        const sectionCode = `${divisionCode}S${si + 1}`;
        orgUnits.push({ code: sectionCode, name: section, kind: "section", parentCode: divisionCode, sortOrder: (bi + 1) * 100 + (di + 1) * 10 + si + 1 });
        const chief = newNumber();
        employees.push(person(rng, "課長", bureau.name, sectionCode, chief, divisionHead));
        let remaining = perSection - 1;
        let deputy = chief;
        if (remaining > 8) {
          deputy = newNumber();
          employees.push(person(rng, "課長補佐", bureau.name, sectionCode, deputy, chief));
          remaining--;
        }
        const leaders = Math.max(1, Math.ceil(remaining / 8));
        const leaderNumbers: string[] = [];
        for (let i = 0; i < leaders; i++) {
          const n = newNumber();
          leaderNumbers.push(n);
          employees.push(person(rng, "係長", bureau.name, sectionCode, n, deputy));
        }
        remaining -= leaders;
        for (let i = 0; i < remaining; i++) {
          const rank = rng.chance(0.4) ? "主任" : "一般職員";
          employees.push(person(rng, rank, bureau.name, sectionCode, newNumber(), leaderNumbers[i % leaders] ?? deputy));
        }
      });
    });
  });

  placeDemoAccounts(employees);
  addWorkFacts(employees, createRandom(seed + 11));
  return { orgUnits, employees };
}

/**
 * 勤務状況 and 現所属配属日, drawn from their own random stream so the rest of the city
 * stays what it was. A few are on leave or seconded; most came to their unit in the last
 * six years (never before they were hired). The demo accounts are 在職.
 */
function addWorkFacts(employees: SeedEmployee[], rng: Random): void {
  const demo = new Set<string>(Object.values(DEMO_ACCOUNTS).map((a) => a.staffNumber));
  for (const e of employees) {
    const r = rng.next();
    e.workStatus = demo.has(e.staffNumber) ? "在職" : r < 0.015 ? "休職" : r < 0.04 ? "育児休業" : r < 0.05 ? "派遣" : r < 0.052 ? "停職" : "在職";
    const hireYear = Number(e.hiredOn.slice(0, 4));
    const year = Math.max(hireYear, SEED_TODAY.year - rng.int(0, 6));
    e.assignedOn = demo.has(e.staffNumber) ? (e.staffNumber === DEMO_ACCOUNTS.employee.staffNumber ? "2023-04-01" : e.rankSince) : iso(year, 4, 1);
  }
}

function sectionCodeOf(name: string, bureau: string): string {
  const bi = BUREAUS.findIndex((b) => b.name === bureau);
  const b = BUREAUS[bi]!;
  for (const [di, d] of b.divisions.entries()) {
    const si = d.sections.indexOf(name);
    if (si >= 0) return `B${String(bi + 1).padStart(2, "0")}D${di + 1}S${si + 1}`;
  }
  throw new Error(`no section ${name} in ${bureau}`);
}

function placeDemoAccounts(employees: SeedEmployee[]): void {
  const chiefOf = (orgCode: string) => employees.find((e) => e.orgCode === orgCode && e.rank === "課長")!.staffNumber;
  const base = (orgCode: string) => ({ email: "", orgCode, employmentType: "正規", gender: null as string | null });
  const wardSection = sectionCodeOf("地域支援課", "中原区役所");
  const hrDev = sectionCodeOf("人材育成課", "総務企画局");
  const personnel = sectionCodeOf("人事課", "総務企画局");
  const welfare = sectionCodeOf("労務厚生課", "総務企画局");
  const ict = sectionCodeOf("ICT推進課", "総務企画局");
  const demo: SeedEmployee[] = [
    { ...base(wardSection), ...DEMO_ACCOUNTS.employee, rank: "主任", jobCategory: "行政事務", hiredOn: "2019-04-01", rankSince: "2026-04-01", birthYear: 1996, gender: "女性", supervisorStaffNumber: DEMO_ACCOUNTS.supervisor.staffNumber, email: "" },
    { ...base(wardSection), ...DEMO_ACCOUNTS.supervisor, rank: "係長", jobCategory: "行政事務", hiredOn: "2008-04-01", rankSince: "2026-04-01", birthYear: 1984, gender: "男性", supervisorStaffNumber: chiefOf(wardSection) },
    { ...base(hrDev), ...DEMO_ACCOUNTS.hrDev, rank: "係長", jobCategory: "行政事務", hiredOn: "2010-04-01", rankSince: "2021-04-01", birthYear: 1986, supervisorStaffNumber: chiefOf(hrDev) },
    { ...base(personnel), ...DEMO_ACCOUNTS.hrPersonnel, rank: "主任", jobCategory: "行政事務", hiredOn: "2014-04-01", rankSince: "2022-04-01", birthYear: 1990, supervisorStaffNumber: chiefOf(personnel) },
    { ...base(welfare), ...DEMO_ACCOUNTS.welfare, rank: "主任", jobCategory: "行政事務", hiredOn: "2015-04-01", rankSince: "2023-04-01", birthYear: 1991, supervisorStaffNumber: chiefOf(welfare) },
    { ...base(ict), ...DEMO_ACCOUNTS.admin, rank: "主任", jobCategory: "行政事務", hiredOn: "2016-04-01", rankSince: "2024-04-01", birthYear: 1992, supervisorStaffNumber: chiefOf(ict) },
  ];
  for (const d of demo) {
    d.email = `s${d.staffNumber}@city.kawasaki.example`;
    employees.push(d);
  }
  // Give the demo supervisor a few more people to approve for.
  employees
    .filter((e) => e.orgCode === wardSection && (e.rank === "一般職員" || e.rank === "主任"))
    .slice(0, 3)
    .forEach((e) => (e.supervisorStaffNumber = DEMO_ACCOUNTS.supervisor.staffNumber));
}

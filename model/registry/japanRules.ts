/**
 * The Japanese schemes of REGISTRY.md §A as rule data for `createRegistrySystem`: registries, schemes (eligibility,
 * limits, windows, expiry, transfer restrictions) and links. Every number is an option with a default and a
 * source; defaults marked [U] in `JAPAN_SOURCES` are unverified and must stay scenario parameters.
 *
 * Registries: JP-KP (national Kyoto registry), CDM (issuing CERs/tCERs/lCERs), GX (排出枠口座簿), JCREDIT
 * (J-クレジット登録簿: J-Credit, 国内クレジット, J-VER), JCM-JP, TRIAL (試行排出量取引スキーム), JVETS, TOKYO
 * (削減量口座簿), SAITAMA, VOLUNTARY.
 */
import { fiscalYearEnd, instant, type Instant } from './instant.js';
import type {
  AccountSpec, BorrowingRule, CarryOverRule, CompliancePeriodRule, IssuanceCap, LinkRule, Ratio, RegistryConfig,
  RegistrySystemConfig, SchemeRules,
} from './rules.js';
import type { UnitSelector, UnitType } from './types.js';

export interface JapanRegistryOptions {
  gx?: {
    /** First and last fiscal year of GX-ETS Phase 2 compliance (one period per year). Default FY2026–FY2035. */
    firstYear?: number;
    lastYear?: number;
    /** Credit cap: share of the year's verified emissions. Default 0.1. */
    creditShare?: Ratio;
    /** JCM credits from activities before this vintage are not eligible. Default 2020. */
    jcmMinVintage?: number;
    caps?: readonly IssuanceCap[];
    borrowing?: BorrowingRule;
  };
  gxPhase1?: { cdrShare?: Ratio };
  trial?: {
    firstYear?: number;
    lastYear?: number;
    advanceSaleShare?: Ratio;
    borrowing?: BorrowingRule;
  };
  jver?: { usableUntil?: Instant };
  kyoto?: {
    assignedAmount?: number;
    latestReviewedInventory?: number;
    cprAssignedAmountShare?: Ratio;
    cprInventoryMultiple?: Ratio;
    /** Carry-over share of the assigned amount for ERU and CER each. Default 0.025. */
    carryOverShare?: Ratio;
    carryOverWindow?: { opensAt: Instant; closesAt: Instant };
  };
  tokyo?: { outsideTokyoShareOfObligation?: Ratio };
  /** Extra accounts to open (firms, project participants, Parties). */
  accounts?: readonly AccountSpec[];
}

/** Provenance of each default; "[U]" marks an unverified number (REGISTRY.md marks). */
export const JAPAN_SOURCES: Readonly<Record<string, string>> = {
  'gx.creditShare': 'GX-ETS Phase 2 credit cap 10 % of the year\'s emissions [V] itmedia 2507/09 p.3; carboncredits.jp',
  'gx.eligible': 'J-Credit and JCM only; JCM from before 2020 excluded [V] itmedia 2507/09 p.3; carboncredits.jp',
  'gx.periods': 'Phase 2 from FY2026, annual surrender [V] bci.co.jp; rieti.go.jp',
  'gx.borrowing': 'borrowing not confirmed either way [U]: none by default',
  'gxPhase1.cdrShare': 'other eligible CDR credits up to 5 % from April 2024 [V] qcintel',
  'gxPhase1.notInPhase2': 'Phase 1 excess-reduction allowances cannot be used for Phase 2 surrender [V] gx-league.go.jp/rules/excess-reduction',
  'trial.advanceSaleShare': 'ex-ante units: only 10 % may be sold before confirmation [V] t-words.jp',
  'trial.eligible': 'Kyoto credits and 国内クレジット [V] jcdm.jp/outline',
  'trial.borrowing': 'borrowing across years inside a multi-year target [V] seed 004; the limit [U]',
  'domestic.transfer': 'transfer to the project co-implementer on the holder\'s application [V] seed 002 ch. 6 §2',
  'jver.usableUntil': 'J-VER valid until the end of FY2020 [V] goo.ne.jp S00313_qa',
  'kyoto.cpr': 'CPR = min(90 % of assigned amount, 5 × latest reviewed inventory) [U] 11/CMP.1; seed 003',
  'kyoto.carryOver': 'ERU and CER carry-over ≤ 2.5 % of AA each; RMU, tCER, lCER 0 [U] 13/CMP.1',
  'kyoto.assignedAmount': 'Japan CP1 assigned amount 5,928,257,666 t (FCCC/IRR/2007/JPN) [U] as a default only',
  'tokyo.outsideTokyo': 'outside-Tokyo credits ≤ 1/3 of the reduction obligation [U]',
  'tokyo.periods': 'P1 FY2010–14, P2 FY2015–19, P3 FY2020–24, P4 FY2025–29 [V] TMG',
  'saitama.link': 'Tokyo–Saitama excess-reduction and SME credits tradable between the two [V] japanfs 031341',
};

const KYOTO_TYPES: readonly UnitType[] = ['AAU', 'RMU', 'ERU', 'CER', 'TCER', 'LCER'];

function annualPeriods(firstYear: number, lastYear: number, prefix = 'FY'): CompliancePeriodRule[] {
  const out: CompliancePeriodRule[] = [];
  for (let year = firstYear; year <= lastYear; year++) out.push({ id: `${prefix}${year}`, firstYear: year, lastYear: year });
  return out;
}

function holders(units: readonly UnitSelector[]): RegistryConfig['holdable'] {
  return { TOTAL_QUANTITY: units, ALLOCATION: units, AUCTION: units, RESERVE: units, OPERATOR_HOLDING: units, TRADING: units, EXCHANGE: units };
}

/** The Japanese registries, schemes and links of §A as one system configuration. */
export function japanRegistryConfig(options: JapanRegistryOptions = {}): RegistrySystemConfig {
  const gxFirst = options.gx?.firstYear ?? 2026;
  const gxLast = options.gx?.lastYear ?? 2035;
  const trialFirst = options.trial?.firstYear ?? 2008;
  const trialLast = options.trial?.lastYear ?? 2012;
  const assignedAmount = options.kyoto?.assignedAmount ?? 5_928_257_666;
  const carryShare = options.kyoto?.carryOverShare ?? '0.025';
  const carryWindow = options.kyoto?.carryOverWindow ?? { opensAt: instant('2015-11-18'), closesAt: instant('2016-11-18') };

  const kyotoUnits: UnitSelector[] = [{ unitTypes: KYOTO_TYPES }];
  const carryOver: CarryOverRule[] = [
    { id: 'CP1-AAU', units: { unitTypes: ['AAU'] }, fromPeriod: 'CP1', toPeriod: 'CP2', window: carryWindow, limit: { kind: 'shareOfAssignedAmount', share: 1 }, source: JAPAN_SOURCES['kyoto.carryOver']! },
    { id: 'CP1-ERU', units: { unitTypes: ['ERU'] }, fromPeriod: 'CP1', toPeriod: 'CP2', window: carryWindow, limit: { kind: 'shareOfAssignedAmount', share: carryShare }, source: JAPAN_SOURCES['kyoto.carryOver']! },
    { id: 'CP1-CER', units: { unitTypes: ['CER'] }, fromPeriod: 'CP1', toPeriod: 'CP2', window: carryWindow, limit: { kind: 'shareOfAssignedAmount', share: carryShare }, source: JAPAN_SOURCES['kyoto.carryOver']! },
    { id: 'CP1-RMU', units: { unitTypes: ['RMU', 'TCER', 'LCER'] }, fromPeriod: 'CP1', toPeriod: 'CP2', window: carryWindow, limit: { kind: 'tonnes', tonnes: 0 }, source: JAPAN_SOURCES['kyoto.carryOver']! },
  ];

  const registries: RegistryConfig[] = [
    {
      id: 'JP-KP', name: 'Japan national registry (Kyoto Protocol)',
      holdable: { PARTY_HOLDING: kyotoUnits, OPERATOR_HOLDING: kyotoUnits, TRADING: kyotoUnits, PPSR: [{ unitTypes: ['AAU'] }] },
      party: {
        party: 'JP', assignedAmount, latestReviewedInventory: options.kyoto?.latestReviewedInventory ?? 1_282_000_000,
        cpr: {
          assignedAmountShare: options.kyoto?.cprAssignedAmountShare ?? '0.9', inventoryMultiple: options.kyoto?.cprInventoryMultiple ?? 5,
          countedUnitTypes: KYOTO_TYPES, countedStatuses: ['ACTIVE', 'RETIRED'],
        },
      },
      conversions: [{ from: { unitTypes: ['AAU', 'RMU'] }, toUnitType: 'ERU' }],
      replacement: { targets: { unitTypes: ['TCER', 'LCER'] }, replacing: [{ unitTypes: ['AAU', 'CER', 'ERU', 'RMU'] }] },
      carryOver,
    },
    { id: 'CDM', name: 'CDM registry', holdable: { TRADING: [{ unitTypes: ['CER', 'TCER', 'LCER'] }], OPERATOR_HOLDING: [{ unitTypes: ['CER', 'TCER', 'LCER'] }] } },
    {
      id: 'GX', name: 'GX-ETS 排出枠口座簿',
      holdable: holders([{ unitTypes: ['ALLOWANCE'], schemes: ['GX', 'GX-P1'] }, { unitTypes: ['CREDIT'], schemes: ['JCREDIT', 'JCM'] }]),
    },
    { id: 'JCREDIT', name: 'J-クレジット登録簿', holdable: holders([{ unitTypes: ['CREDIT'], schemes: ['JCREDIT', 'DOMESTIC', 'JVER'] }]) },
    { id: 'JCM-JP', name: 'JCM registry (Japan)', holdable: holders([{ unitTypes: ['CREDIT'], schemes: ['JCM'] }]) },
    { id: 'TRIAL', name: '試行排出量取引スキーム', holdable: holders([{ unitTypes: ['ALLOWANCE'], schemes: ['TRIAL'] }]) },
    { id: 'JVETS', name: '自主参加型国内排出量取引制度 登録簿', holdable: holders([{ unitTypes: ['ALLOWANCE'], schemes: ['JVETS'] }]) },
    { id: 'TOKYO', name: '削減量口座簿', holdable: holders([{ unitTypes: ['ALLOWANCE'], schemes: ['TOKYO', 'SAITAMA'] }, { unitTypes: ['CREDIT'], schemes: ['TOKYO-SME', 'TOKYO-RE', 'TOKYO-OUTSIDE', 'SAITAMA-SME'] }]) },
    { id: 'SAITAMA', name: '埼玉県 目標設定型排出量取引制度', holdable: holders([{ unitTypes: ['ALLOWANCE'], schemes: ['SAITAMA', 'TOKYO'] }, { unitTypes: ['CREDIT'], schemes: ['SAITAMA-SME', 'TOKYO-SME'] }]) },
    { id: 'VOLUNTARY', name: 'Voluntary standards (VCS, Gold Standard, CDR)', holdable: holders([{ unitTypes: ['CREDIT'], schemes: ['VCS', 'GS', 'CDR'] }]) },
  ];

  const gxPeriods = annualPeriods(gxFirst, gxLast);
  const schemes: SchemeRules[] = [
    { id: 'JP-AAU', registry: 'JP-KP', unitType: 'AAU', caps: [{ applicablePeriod: 'CP1', tonnes: assignedAmount, source: JAPAN_SOURCES['kyoto.assignedAmount']! }] },
    { id: 'JP-RMU', registry: 'JP-KP', unitType: 'RMU' },
    { id: 'CDM', registry: 'CDM', unitType: 'CER' },
    { id: 'CDM-TCER', registry: 'CDM', unitType: 'TCER' },
    { id: 'CDM-LCER', registry: 'CDM', unitType: 'LCER' },
    {
      id: 'GX', name: 'GX-ETS Phase 2', registry: 'GX', unitType: 'ALLOWANCE', compliancePeriods: gxPeriods,
      ...(options.gx?.caps === undefined ? {} : { caps: options.gx.caps }),
      eligibleUnits: [
        { unitTypes: ['ALLOWANCE'], schemes: ['GX'] },
        { unitTypes: ['CREDIT'], schemes: ['JCREDIT'] },
        { unitTypes: ['CREDIT'], schemes: ['JCM'], minVintage: options.gx?.jcmMinVintage ?? 2020 },
      ],
      creditLimits: [{ id: 'gx-credits', appliesTo: [{ unitTypes: ['CREDIT'] }], limit: { kind: 'shareOfEmissions', share: options.gx?.creditShare ?? '0.1' }, source: JAPAN_SOURCES['gx.creditShare']! }],
      ...(options.gx?.borrowing === undefined ? {} : { borrowing: options.gx.borrowing }),
      sources: { creditLimits: JAPAN_SOURCES['gx.creditShare']!, eligibleUnits: JAPAN_SOURCES['gx.eligible']!, borrowing: JAPAN_SOURCES['gx.borrowing']! },
    },
    {
      id: 'GX-P1', name: 'GX League Phase 1 (超過削減枠)', registry: 'GX', unitType: 'ALLOWANCE',
      compliancePeriods: [{ id: 'P1', firstYear: 2023, lastYear: 2025 }],
      eligibleUnits: [{ schemes: ['GX-P1'] }, { unitTypes: ['CREDIT'], schemes: ['JCREDIT', 'JCM', 'CDR'] }],
      creditLimits: [{ id: 'gx-p1-cdr', appliesTo: [{ schemes: ['CDR'] }], limit: { kind: 'shareOfEmissions', share: options.gxPhase1?.cdrShare ?? '0.05' }, source: JAPAN_SOURCES['gxPhase1.cdrShare']! }],
      sources: { notInPhase2: JAPAN_SOURCES['gxPhase1.notInPhase2']! },
    },
    { id: 'JCREDIT', name: 'J-Credit', registry: 'JCREDIT', unitType: 'CREDIT' },
    {
      id: 'DOMESTIC', name: '国内クレジット', registry: 'JCREDIT', unitType: 'CREDIT',
      transferRestriction: { kind: 'projectCoImplementers', source: JAPAN_SOURCES['domestic.transfer']! },
    },
    {
      id: 'JVER', name: 'J-VER', registry: 'JCREDIT', unitType: 'CREDIT',
      validity: [{ usableUntil: options.jver?.usableUntil ?? fiscalYearEnd(2020), source: JAPAN_SOURCES['jver.usableUntil']! }],
    },
    { id: 'JCM', name: 'JCM', registry: 'JCM-JP', unitType: 'CREDIT' },
    {
      id: 'TRIAL', name: '試行排出量取引スキーム', registry: 'TRIAL', unitType: 'ALLOWANCE',
      compliancePeriods: [...annualPeriods(trialFirst, trialLast), { id: `FY${trialFirst}-${trialLast}`, firstYear: trialFirst, lastYear: trialLast }],
      eligibleUnits: [{ schemes: ['TRIAL'] }, { unitTypes: ['CER', 'ERU', 'AAU'] }, { unitTypes: ['CREDIT'], schemes: ['DOMESTIC'] }],
      advanceSale: { share: options.trial?.advanceSaleShare ?? '0.1', source: JAPAN_SOURCES['trial.advanceSaleShare']! },
      borrowing: options.trial?.borrowing ?? { maxVintagesAhead: 1, limit: { kind: 'shareOfEmissions', share: 1 }, source: JAPAN_SOURCES['trial.borrowing']! },
      sources: { eligibleUnits: JAPAN_SOURCES['trial.eligible']! },
    },
    {
      id: 'JVETS', name: 'JVETS (JPA)', registry: 'JVETS', unitType: 'ALLOWANCE', compliancePeriods: annualPeriods(2006, 2012),
      eligibleUnits: [{ schemes: ['JVETS'] }, { unitTypes: ['CER'] }],
    },
    {
      id: 'TOKYO', name: '東京都 総量削減義務と排出量取引制度', registry: 'TOKYO', unitType: 'ALLOWANCE',
      compliancePeriods: [
        { id: 'P1', firstYear: 2010, lastYear: 2014 }, { id: 'P2', firstYear: 2015, lastYear: 2019 },
        { id: 'P3', firstYear: 2020, lastYear: 2024 }, { id: 'P4', firstYear: 2025, lastYear: 2029 },
      ],
      eligibleUnits: [{ schemes: ['TOKYO', 'SAITAMA'] }, { unitTypes: ['CREDIT'], schemes: ['TOKYO-SME', 'TOKYO-RE', 'TOKYO-OUTSIDE', 'SAITAMA-SME'] }],
      creditLimits: [{ id: 'outside-tokyo', appliesTo: [{ schemes: ['TOKYO-OUTSIDE'] }], limit: { kind: 'shareOfObligation', share: options.tokyo?.outsideTokyoShareOfObligation ?? '1/3' }, source: JAPAN_SOURCES['tokyo.outsideTokyo']! }],
      borrowing: { maxVintagesAhead: 0, limit: { kind: 'tonnes', tonnes: 0 } },
      sources: { compliancePeriods: JAPAN_SOURCES['tokyo.periods']! },
    },
    { id: 'TOKYO-SME', registry: 'TOKYO', unitType: 'CREDIT' },
    { id: 'TOKYO-RE', registry: 'TOKYO', unitType: 'CREDIT' },
    { id: 'TOKYO-OUTSIDE', registry: 'TOKYO', unitType: 'CREDIT' },
    {
      id: 'SAITAMA', registry: 'SAITAMA', unitType: 'ALLOWANCE',
      compliancePeriods: [{ id: 'P1', firstYear: 2011, lastYear: 2014 }, { id: 'P2', firstYear: 2015, lastYear: 2019 }, { id: 'P3', firstYear: 2020, lastYear: 2024 }],
      eligibleUnits: [{ schemes: ['SAITAMA', 'TOKYO'] }, { unitTypes: ['CREDIT'], schemes: ['SAITAMA-SME', 'TOKYO-SME'] }],
    },
    { id: 'SAITAMA-SME', registry: 'SAITAMA', unitType: 'CREDIT' },
    { id: 'VCS', registry: 'VOLUNTARY', unitType: 'CREDIT' },
    { id: 'GS', registry: 'VOLUNTARY', unitType: 'CREDIT' },
    { id: 'CDR', registry: 'VOLUNTARY', unitType: 'CREDIT' },
  ];

  const links: LinkRule[] = [
    { from: 'CDM', to: 'JP-KP', units: [{ unitTypes: ['CER', 'TCER', 'LCER'] }] },
    { from: 'JCREDIT', to: 'GX', units: [{ unitTypes: ['CREDIT'], schemes: ['JCREDIT'] }] },
    { from: 'JCM-JP', to: 'GX', units: [{ unitTypes: ['CREDIT'], schemes: ['JCM'] }] },
    { from: 'TOKYO', to: 'SAITAMA', units: [{ schemes: ['TOKYO', 'TOKYO-SME'] }], source: JAPAN_SOURCES['saitama.link']! },
    { from: 'SAITAMA', to: 'TOKYO', units: [{ schemes: ['SAITAMA', 'SAITAMA-SME'] }], source: JAPAN_SOURCES['saitama.link']! },
  ];

  return { registries, schemes, links, accounts: options.accounts ?? [] };
}

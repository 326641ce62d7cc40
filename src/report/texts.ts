// Generated from templates/lang/nb.json by src/report/texts-type.ts: run UPDATE_GOLDEN=1 npx vitest run test/report/language.test.ts
/** Every key of a language file (templates/lang/<lang>.json). */
export interface LanguageFile {
  documentTitle: string;
  locale: string;
  subtitle: string;
  municipality: string;
  runningHeader: string;
  date: string;
  coatOfArms: string;
  toc: string;
  chapters: {
    introduction: string;
    knowledge: string;
    summary: string;
    appendix: string;
  };
  themeHeading: string;
  introduction: {
    purpose: string;
    law: string;
    method: string;
  };
  knowledge: {
    sources: string;
    sourcesIntro: string;
    retrieved: string;
    sourceColumns: string[];
    howToRead: string;
    howToReadText: string[];
  };
  table: {
    period: string;
    unit: string;
    land: string;
    kostragruppe: string;
    men: string;
    women: string;
    numbers: string;
  };
  chartData: string;
  assessmentMissing: string;
  themeAssessmentHeading: string;
  sentences: {
    status: string;
    vsLand: {
      lower: string;
      higher: string;
      similar: string;
      "no-counts": string;
      "not-comparable": string;
      "no-benchmark": string;
      "benchmark-absent": string;
      "not-a-sample": string;
      projection: string;
    };
    fylke: string;
    fewCases: string;
    absent: string;
    absentReasons: {
      "primary-suppression": string;
      "secondary-suppression": string;
      "series-suppression": string;
      suppressed: string;
      "too-few-events": string;
      missing: string;
      "not-applicable": string;
      "not-yet-available": string;
      nil: string;
      "code-not-valid": string;
    };
    noData: string;
    trend: {
      increasing: string;
      decreasing: string;
      "no-significant-change": string;
      "cannot-be-calculated": string;
    };
    judgement: {
      better: string;
      worse: string;
    };
    trendReasons: {
      "few-points": string;
      "no-counts": string;
      "no-variation": string;
      "few-independent-points": string;
      "logit-undefined": string;
      "not-a-sample": string;
      projection: string;
    };
    gradientIntro: string;
    gradientRange: string;
    gradientRangeYears: string;
    gradientSignificant: string;
    gradientNotSignificant: string;
    gradientNotTested: string;
    bySex: string;
    neighbours: string;
  };
  percentagePoints: string;
  pyramid: {
    title: string;
    text: string;
    columns: string[];
  };
  summary: {
    intro: string;
    challenges: string;
    resources: string;
    proposed: string;
    own: string;
    none: string;
    worseThanLand: string;
    worsening: string;
    betterThanLand: string;
    improving: string;
    planning: string;
  };
  appendix: {
    barometer: string;
    barometerIntro: string;
    barometerColumns: string[];
    spine: string;
    methods: string;
    methodsText: string[];
    legend: string;
    legendRows: string[][];
    noData: string;
    noDataIntro: string;
  };
  verdicts: {
    better: string;
    worse: string;
    higher: string;
    lower: string;
    similar: string;
    "not-tested": string;
  };
  trendShort: {
    increasing: string;
    decreasing: string;
    "no-significant-change": string;
    "cannot-be-calculated": string;
  };
  charts: {
    seriesAlt: string;
    seriesAltAbsent: string;
    gradientAlt: string;
    pyramidAlt: string;
    spineAlt: string;
    interval: string;
    menShort: string;
    womenShort: string;
    percentOfPopulation: string;
    relativeToLand: string;
    lowerThanLand: string;
    higherThanLand: string;
  };
  footer: string;
  sourceLabel: string;
  pdf: {
    page: string;
    of: string;
  };
  region: {
    title: string;
    subtitle: string;
    intro: string;
    indicator: string;
    period: string;
    unit: string;
    overview: string;
    overviewIntro: string;
    overviewColumns: string[];
    otherPeriod: string;
  };
  judgementShort: {
    better: string;
    worse: string;
  };
  notTested: {
    "not-comparable": string;
    "no-counts": string;
    "kommune-absent": string;
    "no-benchmark": string;
    "benchmark-absent": string;
    "not-a-sample": string;
    projection: string;
  };
  noDataShort: string;
  barometer: {
    title: string;
    notes: string;
    footer: string;
    columns: string[];
  };
  themes: {
    a: string;
    b: string;
    c: string;
    d: string;
    e: string;
    f: string;
  };
  unitSymbols: {
    prosent: string;
  };
  assessmentFiles: {
    introduction: string;
    challenges: string;
    resources: string;
    planning: string;
  };
  captions: {
    figure: string;
    table: string;
  };
  word: {
    buildNote: string;
    styles: {
      Assessment: string;
      AssessmentMissing: string;
      Source: string;
      Note: string;
      BuildNote: string;
      TableText: string;
    };
    properties: {
      kommune: string;
      edition: string;
    };
  };
  followUp: {
    changes: {
      heading: string;
      intro: string;
      previous: {
        full: string;
        annual: string;
      };
      none: string;
      verdictChanges: string;
      newData: string;
      newIndicators: string;
      droppedIndicators: string;
      challengesEntered: string;
      challengesLeft: string;
      revisions: string;
      dataFiles: string;
      verdict: string;
      against: {
        land: string;
        fylke: string;
        trend: string;
      };
      newDataItem: string;
      revision: string;
      noteVerdict: string;
      noteRevision: string;
      noteNew: string;
      noteEntered: string;
      noteLeft: string;
    };
    goals: {
      heading: string;
      intro: string;
      columns: string[];
      equity: string;
      baseline: string;
      baselineEdition: string;
      target: string;
      significant: string;
      notSignificant: string;
      notTested: string;
      noNewData: string;
      problems: {
        "no-data": string;
        "no-baseline": string;
        "no-gradient": string;
        absent: string;
      };
      powerOk: string;
      powerTooSmall: string;
      reached: string;
      measures: string;
      responsible: string;
      method: string;
    };
    annual: {
      title: string;
      subtitle: string;
      introHeading: string;
      intro: string;
      noPrevious: string;
      themesHeading: string;
      themeColumns: string[];
      themeNone: string;
      challengesHeading: string;
      challengesIntro: string;
      noteNewData: string;
      noteRevised: string;
      noteNew: string;
      noteVerdict: string;
    };
  };
  overview: {
    numbers: string[];
    numbersNeuter: string[];
    terms: {
      noSignificantChange: string;
      increasing: string;
      decreasing: string;
      cannotBeCalculated: string;
      proposal: string;
    };
    recentPeriods: {
      pooled: string;
      years: string;
    };
    sex: {
      youth: {
        male: string;
        female: string;
      };
      adult: {
        male: string;
        female: string;
      };
    };
    bySex: string;
    rate: string;
    populationChange: string;
    summary: {
      heading: string;
      challenges: string;
      ownChallenges: string;
      proposals: string;
      proposalNote: string;
      tooFew: string;
      criteria: {
        extent: string;
        severity: string;
        development: string;
        skewness: string;
        influence: string;
        total: string;
      };
      resources: string;
      ownResources: string;
      resourceProposals: string;
      rankColumns: string[];
      criteriaIntro: string;
      criteriaTitle: string;
      indicator: string;
    };
    inequality: {
      heading: string;
      intro: string;
      columns: string[];
      totals: string;
      gap: string;
      trendSignificant: string;
      trendNotSignificant: string;
      levels: string;
      levelColumns: string[];
      more: string;
      valueColumns: string[];
      gapAbsolute: string;
    };
    services: {
      heading: string;
      community: string;
      figures: string;
      figureColumns: string[];
      servicesIntro: string;
      communityIntro: string;
    };
    assessment: {
      missing: string;
      incomplete: string;
      draft: string;
    };
    shortVersion: {
      heading: string;
      mainFindings: string;
      spine: string;
      readMore: string;
      findingOwn: string;
      findingInequality: string;
      findingTrend: string;
      findingResource: string;
      findingOwnResource: string;
      spineColumns: string[];
      range: string;
      readMoreHeading: string;
      readMoreSources: string;
    };
  };
}

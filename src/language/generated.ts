// Generated from the language files by src/language/generate.ts: run UPDATE_GOLDEN=1 npx vitest run test/language

/** The languages a document is written in: a file in templates/lang/, data/cli/ and data/assessments/lang/ each. */
export const DOCUMENT_LANGS = ['nb', 'nn'] as const;
/** The languages of the program's messages (data/cli/<lang>.json): the document languages and the developers' English. */
export const MESSAGE_LANGS = ['nb', 'nn', 'en'] as const;
/** Each language's locale (Intl) and how the program's messages name it, from `about` in data/cli/<lang>.json. */
export const LANGUAGES = {
  nb: { locale: 'nb-NO', name: 'bokmål' },
  nn: { locale: 'nn-NO', name: 'nynorsk' },
  en: { locale: 'en', name: 'English messages' },
} as const;

/** Every text of a document language file (templates/lang/<lang>.json), by dotted path. */
export type DocumentText =
  | 'documentTitle' | 'locale' | 'subtitle' | 'municipality' | 'runningHeader' | 'date' | 'coatOfArms' | 'toc' | 'themeHeading' | 'chartData'
  | 'assessmentMissing' | 'themeAssessmentHeading' | 'percentagePoints' | 'footer' | 'sourceLabel' | 'noDataShort'
  | 'chapters.introduction' | 'chapters.knowledge' | 'chapters.summary' | 'chapters.appendix'
  | 'introduction.purpose' | 'introduction.law' | 'introduction.method'
  | 'knowledge.sources' | 'knowledge.sourcesIntro' | 'knowledge.retrieved' | 'knowledge.howToRead'
  | 'table.period' | 'table.unit' | 'table.land' | 'table.kostragruppe' | 'table.men' | 'table.women' | 'table.numbers'
  | 'sentences.status' | 'sentences.fylke' | 'sentences.fewCases' | 'sentences.absent' | 'sentences.noData' | 'sentences.gradientIntro'
  | 'sentences.gradientRange' | 'sentences.gradientRangeYears' | 'sentences.gradientSignificant' | 'sentences.gradientNotSignificant'
  | 'sentences.gradientNotTested' | 'sentences.bySex' | 'sentences.neighbours' | 'sentences.measuredAs'
  | 'sentences.vsLand.lower' | 'sentences.vsLand.higher' | 'sentences.vsLand.similar' | 'sentences.vsLand.no-counts'
  | 'sentences.vsLand.not-comparable' | 'sentences.vsLand.no-benchmark' | 'sentences.vsLand.benchmark-absent' | 'sentences.vsLand.not-a-sample'
  | 'sentences.vsLand.projection'
  | 'sentences.absentReasons.primary-suppression' | 'sentences.absentReasons.secondary-suppression' | 'sentences.absentReasons.series-suppression'
  | 'sentences.absentReasons.suppressed' | 'sentences.absentReasons.too-few-events' | 'sentences.absentReasons.missing'
  | 'sentences.absentReasons.not-applicable' | 'sentences.absentReasons.not-yet-available' | 'sentences.absentReasons.nil'
  | 'sentences.absentReasons.code-not-valid'
  | 'sentences.trend.increasing' | 'sentences.trend.decreasing' | 'sentences.trend.no-significant-change' | 'sentences.trend.cannot-be-calculated'
  | 'sentences.judgement.better' | 'sentences.judgement.worse'
  | 'sentences.trendReasons.few-points' | 'sentences.trendReasons.no-counts' | 'sentences.trendReasons.no-variation'
  | 'sentences.trendReasons.few-independent-points' | 'sentences.trendReasons.logit-undefined' | 'sentences.trendReasons.not-a-sample'
  | 'sentences.trendReasons.projection'
  | 'pyramid.title' | 'pyramid.text'
  | 'summary.intro' | 'summary.challenges' | 'summary.resources' | 'summary.proposed' | 'summary.own' | 'summary.none' | 'summary.worseThanLand'
  | 'summary.worsening' | 'summary.betterThanLand' | 'summary.improving' | 'summary.planning'
  | 'appendix.barometer' | 'appendix.barometerIntro' | 'appendix.spine' | 'appendix.methods' | 'appendix.legend' | 'appendix.noData'
  | 'appendix.noDataIntro'
  | 'verdicts.better' | 'verdicts.worse' | 'verdicts.higher' | 'verdicts.lower' | 'verdicts.similar' | 'verdicts.not-tested'
  | 'trendShort.increasing' | 'trendShort.decreasing' | 'trendShort.no-significant-change' | 'trendShort.cannot-be-calculated'
  | 'charts.seriesAlt' | 'charts.seriesAltAbsent' | 'charts.gradientAlt' | 'charts.pyramidAlt' | 'charts.spineAlt' | 'charts.interval'
  | 'charts.menShort' | 'charts.womenShort' | 'charts.percentOfPopulation' | 'charts.relativeToLand' | 'charts.lowerThanLand'
  | 'charts.higherThanLand'
  | 'pdf.page' | 'pdf.of'
  | 'region.title' | 'region.subtitle' | 'region.intro' | 'region.indicator' | 'region.period' | 'region.unit' | 'region.overview'
  | 'region.overviewIntro' | 'region.otherPeriod'
  | 'judgementShort.better' | 'judgementShort.worse'
  | 'notTested.not-comparable' | 'notTested.no-counts' | 'notTested.kommune-absent' | 'notTested.no-benchmark' | 'notTested.benchmark-absent'
  | 'notTested.not-a-sample' | 'notTested.projection'
  | 'barometer.title' | 'barometer.notes' | 'barometer.footer'
  | 'themes.a' | 'themes.b' | 'themes.c' | 'themes.d' | 'themes.e' | 'themes.f'
  | 'unitSymbols.prosent' | 'unitSymbols.forholdstall' | 'unitSymbols.forholdstal'
  | 'assessmentFiles.introduction' | 'assessmentFiles.challenges' | 'assessmentFiles.resources' | 'assessmentFiles.planning'
  | 'captions.figure' | 'captions.table'
  | 'word.buildNote'
  | 'word.styles.Assessment' | 'word.styles.AssessmentMissing' | 'word.styles.Source' | 'word.styles.Note' | 'word.styles.BuildNote'
  | 'word.styles.TableText'
  | 'word.properties.kommune' | 'word.properties.edition'
  | 'followUp.changes.heading' | 'followUp.changes.intro' | 'followUp.changes.none' | 'followUp.changes.verdictChanges' | 'followUp.changes.newData'
  | 'followUp.changes.newIndicators' | 'followUp.changes.droppedIndicators' | 'followUp.changes.challengesEntered' | 'followUp.changes.challengesLeft'
  | 'followUp.changes.revisions' | 'followUp.changes.dataFiles' | 'followUp.changes.verdict' | 'followUp.changes.newDataItem'
  | 'followUp.changes.revision' | 'followUp.changes.noteVerdict' | 'followUp.changes.noteRevision' | 'followUp.changes.noteNew'
  | 'followUp.changes.noteEntered' | 'followUp.changes.noteLeft'
  | 'followUp.changes.previous.full' | 'followUp.changes.previous.annual'
  | 'followUp.changes.against.land' | 'followUp.changes.against.fylke' | 'followUp.changes.against.trend'
  | 'followUp.goals.heading' | 'followUp.goals.intro' | 'followUp.goals.equity' | 'followUp.goals.baseline' | 'followUp.goals.baselineEdition'
  | 'followUp.goals.target' | 'followUp.goals.significant' | 'followUp.goals.notSignificant' | 'followUp.goals.notTested' | 'followUp.goals.noNewData'
  | 'followUp.goals.powerOk' | 'followUp.goals.powerTooSmall' | 'followUp.goals.reached' | 'followUp.goals.measures' | 'followUp.goals.responsible'
  | 'followUp.goals.method'
  | 'followUp.goals.problems.no-data' | 'followUp.goals.problems.no-baseline' | 'followUp.goals.problems.no-gradient'
  | 'followUp.goals.problems.absent'
  | 'followUp.annual.title' | 'followUp.annual.subtitle' | 'followUp.annual.introHeading' | 'followUp.annual.intro' | 'followUp.annual.noPrevious'
  | 'followUp.annual.themesHeading' | 'followUp.annual.themeNone' | 'followUp.annual.challengesHeading' | 'followUp.annual.challengesIntro'
  | 'followUp.annual.noteNewData' | 'followUp.annual.noteRevised' | 'followUp.annual.noteNew' | 'followUp.annual.noteVerdict'
  | 'overview.bySex' | 'overview.rate' | 'overview.populationChange'
  | 'overview.terms.noSignificantChange' | 'overview.terms.increasing' | 'overview.terms.decreasing' | 'overview.terms.cannotBeCalculated'
  | 'overview.terms.proposal'
  | 'overview.recentPeriods.pooled' | 'overview.recentPeriods.years'
  | 'overview.sex.youth.male' | 'overview.sex.youth.female'
  | 'overview.sex.adult.male' | 'overview.sex.adult.female'
  | 'overview.summary.heading' | 'overview.summary.challenges' | 'overview.summary.ownChallenges' | 'overview.summary.proposals'
  | 'overview.summary.proposalNote' | 'overview.summary.tooFew' | 'overview.summary.resources' | 'overview.summary.ownResources'
  | 'overview.summary.resourceProposals' | 'overview.summary.criteriaIntro' | 'overview.summary.criteriaTitle' | 'overview.summary.indicator'
  | 'overview.summary.criteria.extent' | 'overview.summary.criteria.severity' | 'overview.summary.criteria.development'
  | 'overview.summary.criteria.skewness' | 'overview.summary.criteria.influence' | 'overview.summary.criteria.total'
  | 'overview.inequality.heading' | 'overview.inequality.intro' | 'overview.inequality.totals' | 'overview.inequality.gap'
  | 'overview.inequality.trendSignificant' | 'overview.inequality.trendNotSignificant' | 'overview.inequality.levels' | 'overview.inequality.more'
  | 'overview.inequality.gapAbsolute' | 'overview.inequality.historyTitle' | 'overview.inequality.changeSignificant'
  | 'overview.inequality.changeNotSignificant' | 'overview.inequality.changeUntested' | 'overview.inequality.onePeriod' | 'overview.inequality.areas'
  | 'overview.inequality.noAreas' | 'overview.inequality.noIntervals' | 'overview.inequality.land' | 'overview.inequality.inArea'
  | 'overview.inequality.county'
  | 'overview.services.heading' | 'overview.services.community' | 'overview.services.figures' | 'overview.services.servicesIntro'
  | 'overview.services.communityIntro'
  | 'overview.assessment.missing' | 'overview.assessment.incomplete' | 'overview.assessment.draft'
  | 'overview.shortVersion.heading' | 'overview.shortVersion.mainFindings' | 'overview.shortVersion.spine' | 'overview.shortVersion.readMore'
  | 'overview.shortVersion.findingOwn' | 'overview.shortVersion.findingInequality' | 'overview.shortVersion.findingTrend'
  | 'overview.shortVersion.findingResource' | 'overview.shortVersion.findingOwnResource' | 'overview.shortVersion.range'
  | 'overview.shortVersion.readMoreHeading' | 'overview.shortVersion.readMoreSources'
  | 'overview.ratio.times' | 'overview.ratio.higher' | 'overview.ratio.lower' | 'overview.ratio.same' | 'overview.ratio.intervalTimes'
  | 'overview.ratio.intervalHigher' | 'overview.ratio.intervalLower' | 'overview.ratio.intervalAcross'
  | 'overview.ratio.noun.share' | 'overview.ratio.noun.other'
  | 'overview.ratio.high.share' | 'overview.ratio.high.other'
  | 'overview.statutes.folkehelseloven';

/** Every list of texts of a document language file (templates/lang/<lang>.json), by dotted path. */
export type DocumentList =
  | 'knowledge.sourceColumns' | 'knowledge.howToReadText'
  | 'pyramid.columns'
  | 'appendix.barometerColumns' | 'appendix.methodsText'
  | 'region.overviewColumns'
  | 'barometer.columns'
  | 'followUp.goals.columns'
  | 'followUp.annual.themeColumns'
  | 'overview.numbers' | 'overview.numbersNeuter'
  | 'overview.summary.rankColumns'
  | 'overview.inequality.columns' | 'overview.inequality.levelColumns' | 'overview.inequality.valueColumns' | 'overview.inequality.historyColumns'
  | 'overview.services.figureColumns'
  | 'overview.shortVersion.spineColumns';

/** Every group of texts (every value a text) of a document language file (templates/lang/<lang>.json), by dotted path. */
export type DocumentGroup =
  | 'chapters' | 'introduction' | 'table' | 'summary' | 'verdicts' | 'trendShort' | 'charts' | 'pdf' | 'judgementShort' | 'notTested' | 'themes'
  | 'unitSymbols' | 'assessmentFiles' | 'captions'
  | 'sentences.vsLand' | 'sentences.absentReasons' | 'sentences.trend' | 'sentences.judgement' | 'sentences.trendReasons'
  | 'word.styles' | 'word.properties'
  | 'followUp.changes.previous' | 'followUp.changes.against'
  | 'followUp.goals.problems'
  | 'overview.terms' | 'overview.recentPeriods' | 'overview.assessment' | 'overview.statutes'
  | 'overview.sex.youth' | 'overview.sex.adult'
  | 'overview.summary.criteria'
  | 'overview.ratio.noun' | 'overview.ratio.high';

/** Every table (a list of lists of texts) of a document language file (templates/lang/<lang>.json), by dotted path. */
export type DocumentTable =
  | 'appendix.legendRows';

/** Every text of a message file (data/cli/<lang>.json), by dotted path. */
export type MessageText =
  | 'about.locale' | 'about.name'
  | 'notes.tableMissing' | 'notes.kommuneMissing' | 'notes.invalidSelection' | 'notes.seriesHidden' | 'notes.primary-suppression'
  | 'notes.secondary-suppression' | 'notes.series-suppression' | 'notes.suppressed' | 'notes.too-few-events' | 'notes.missing'
  | 'build.summary' | 'build.document' | 'build.documents' | 'build.outputs'
  | 'init.created' | 'init.kept' | 'init.next' | 'init.dataReadme' | 'init.assessmentsReadme' | 'init.overrideDescription' | 'init.questionsHeading'
  | 'browser.found' | 'browser.none' | 'browser.installed'
  | 'preview.title' | 'preview.aidLabel' | 'preview.aidHeading' | 'preview.aidIntro' | 'preview.summary' | 'preview.contradictionCount'
  | 'preview.ready' | 'preview.required' | 'preview.file' | 'preview.law' | 'preview.goTo' | 'preview.questions' | 'preview.contradiction'
  | 'preview.computedTrend' | 'preview.computedCompare' | 'preview.markedHeading' | 'preview.markedIntro' | 'preview.unknownHeading'
  | 'preview.noDocument'
  | 'preview.connection.online' | 'preview.connection.offline'
  | 'preview.status.present' | 'preview.status.missing' | 'preview.status.empty' | 'preview.status.incomplete' | 'preview.status.other'
  | 'preview.status.contradiction' | 'preview.status.marked'
  | 'preview.statusHelp.missing' | 'preview.statusHelp.empty' | 'preview.statusHelp.incomplete' | 'preview.statusHelp.other'
  | 'preview.statusHelp.marked'
  | 'preview.against.land' | 'preview.against.fylke'
  | 'preview.unknown.not-markdown' | 'preview.unknown.unknown-language' | 'preview.unknown.wrong-case' | 'preview.unknown.unknown-name'
  | 'preview.unknown.suggestion'
  | 'preview.problem.config' | 'preview.problem.data' | 'preview.problem.setup' | 'preview.problem.document' | 'preview.problem.internal'
  | 'preview.problem.stale'
  | 'preview.terminal.started' | 'preview.terminal.writing' | 'preview.terminal.choose' | 'preview.terminal.updated' | 'preview.terminal.problem'
  | 'preview.terminal.recovered' | 'preview.terminal.watchProblem' | 'preview.terminal.opening' | 'preview.terminal.openFailed'
  | 'preview.terminal.portTaken' | 'preview.terminal.portDenied' | 'preview.terminal.stopped'
  | 'preview.refused.host' | 'preview.refused.method' | 'preview.refused.notFound';

/** Every list of texts of a message file (data/cli/<lang>.json), by dotted path. */
export type MessageList =
  | 'init.indicatorQuestions'
  | 'init.themes.a' | 'init.themes.b' | 'init.themes.c' | 'init.themes.d' | 'init.themes.e' | 'init.themes.f' | 'init.themes.innledning'
  | 'init.themes.utfordringer' | 'init.themes.ressurser' | 'init.themes.sosiale-helseforskjeller' | 'init.themes.planbehov';

/** Every group of texts (every value a text) of a message file (data/cli/<lang>.json), by dotted path. */
export type MessageGroup =
  | 'about' | 'notes' | 'build' | 'browser'
  | 'preview.connection' | 'preview.status' | 'preview.statusHelp' | 'preview.against' | 'preview.unknown' | 'preview.problem' | 'preview.terminal'
  | 'preview.refused';

/** Every table (a list of lists of texts) of a message file (data/cli/<lang>.json), by dotted path. */
export type MessageTable = never;

/** Every text of an assessment language file (data/assessments/lang/<lang>.json), by dotted path. */
export type AssessmentText =
  | 'sections.innledning' | 'sections.a' | 'sections.b' | 'sections.c' | 'sections.d' | 'sections.e' | 'sections.f'
  | 'sections.sosiale-helseforskjeller' | 'sections.utfordringer' | 'sections.ressurser' | 'sections.planbehov' | 'sections.helsestasjon'
  | 'sections.skolehelse' | 'sections.fastlege' | 'sections.nav' | 'sections.barnevern' | 'sections.pleie-og-omsorg' | 'sections.legevakt'
  | 'sections.medvirkning' | 'sections.frivillighet' | 'sections.naermiljo' | 'sections.miljorettet-helsevern' | 'sections.smittevern'
  | 'forms.service.observasjoner.title' | 'forms.service.observasjoner.guide'
  | 'forms.service.utvikling.title' | 'forms.service.utvikling.guide'
  | 'forms.service.ulikhet.title' | 'forms.service.ulikhet.guide'
  | 'forms.service.kilder.title' | 'forms.service.kilder.guide'
  | 'forms.community.status.title' | 'forms.community.status.guide'
  | 'forms.community.utvikling.title' | 'forms.community.utvikling.guide'
  | 'forms.community.ressurser.title' | 'forms.community.ressurser.guide'
  | 'forms.community.kilder.title' | 'forms.community.kilder.guide'
  | 'template.required'
  | 'template.guide.text' | 'template.guide.theme' | 'template.guide.list' | 'template.guide.service' | 'template.guide.community';

/** Every list of texts of an assessment language file (data/assessments/lang/<lang>.json), by dotted path. */
export type AssessmentList = never;

/** Every group of texts (every value a text) of an assessment language file (data/assessments/lang/<lang>.json), by dotted path. */
export type AssessmentGroup =
  | 'sections'
  | 'forms.service.observasjoner' | 'forms.service.utvikling' | 'forms.service.ulikhet' | 'forms.service.kilder'
  | 'forms.community.status' | 'forms.community.utvikling' | 'forms.community.ressurser' | 'forms.community.kilder'
  | 'template.guide';

/** Every table (a list of lists of texts) of an assessment language file (data/assessments/lang/<lang>.json), by dotted path. */
export type AssessmentTable = never;

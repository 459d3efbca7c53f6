/**
 * The CLI's own words, one table per locale with the same keys (the type of `en` is that of `zh`, so a key missing
 * from either is a compile error; test/unit/cli/words.test.ts checks that each phrase has the same `{name}`
 * placeholders in both). Standard texts come from the standards, and translated engine sentences from
 * src/messages/index.ts, not from here; the batch runner, a layer below, has its own table (src/batch/words.ts).
 */
import type { Bump, ChangeKind } from '../audit/diff.js';
import type { ExplanationNote } from '../audit/explain-record.js';
import type { RecordSignatureCheck } from '../audit/sign.js';
import type { EvidenceKind, FactType, Locale, Outcome, Severity } from '../model/edition.js';
import { fillTemplate } from '../model/template.js';

const zh = {
  outcome: { pass: '合格', fail: '不合格', indeterminate: '无法判定', not_applicable: '不适用' } satisfies Record<
    Outcome,
    string
  >,
  verdict: '结论',
  subject: '对象',
  observer: '检查人',
  at: '时间',
  text: '条文',
  basis: '依据',
  routing: '实施 / 责任单位',
  inferred: '推定',
  provisional: '暂定',
  needed: '仍需',
  evidence: '证据',
  /** `evidence` heading a line of its own. */
  evidenceLabel: '证据',
  optional: '选用',
  score: '得分',
  /** A source's task number. */
  task: '任务{n}',
  /** A source's clause number. */
  clause: '第{n}条',
  profile: '配置',
  facts: '需记录的事实项',
  choices: '选项',
  range: '范围',
  unit: '单位',
  required: '必需',
  /** Objects in a unit (docs/units.md). */
  units: {
    findings: '整改清单',
    each: '逐个',
    kind: '检查对象',
    ownParty: '问题交由对象的责任方',
    mustAct: '责任方',
    due: '限 {time}',
    hours: '{n} 小时内',
    deduction: '扣 {n} 分',
    unitLabel: '单元',
    critical: '否决项',
    severity: { minor: '轻微', major: '一般', critical: '严重' } satisfies Record<Severity, string>,
  },
  optionalCounts: '选用条款',
  /** Between the items of a list in running text. */
  listSep: '、',
  records: '已写入 {n} 份审计记录:{file}',
  signedRecords: '已写入 {n} 份审计记录(以密钥 {key} 签名):{file}',
  invalid: '无效',
  observations: '{n} 份检查记录',
  /** Before a command's usage, on the line after a usage error. */
  usage: '用法:',
  types: {
    boolean: '是/否',
    number: '数值',
    integer: '整数',
    duration: '时长',
    enum: '选择',
    date: '日期',
    datetime: '日期时间',
    list: '多选',
  } satisfies Record<FactType, string>,
  kinds: { photo: '照片', measurement: '测量', document: '文件', video: '视频', gps: '定位' } satisfies Record<
    EvidenceKind,
    string
  >,
  /** `daoze list`. */
  list: {
    columns: {
      ref: '标准@版本',
      nickname: '简称',
      status: '状态',
      effective: '生效',
      clauses: '条款',
      provisional: '暂定',
    },
    profiles: '城市配置',
  },
  /** `daoze explain`. */
  explain: {
    title: '检查结论说明',
    hash: '内容哈希',
    unit: 'U型空间',
    grid: '网格',
    evaluatedAt: '判定时间',
    observedAt: '检查时间',
    node: { all: '以下全部满足', any: '以下任一满足', not: '以下不成立' },
    notes: {
      'record-intact': '记录: 完整(记录哈希与内容一致;daoze verify 可复核判定)',
      'record-altered': '记录: 记录哈希与内容不一致,记录可能被改动;请用 daoze verify 查明',
      'plain-verdict': '记录: 普通判定结果(非封存记录,无法校验)',
      'edition-missing': '本机没有该版本(或内容哈希不同),以下用事实编号和原始值显示',
      'locale-kept': '判定消息为记录时的语言',
    } satisfies Record<ExplanationNote, string>,
    severity: { minor: '一般', major: '较重', critical: '严重' } satisfies Record<Severity, string>,
    level: '严重程度',
    deduction: '扣分',
    result: '判定',
    compare: '实测与要求',
    applies: '适用条件',
    observed: '实测',
    required: '要求',
    /** A remark after a value: where the required value comes from, why an observed one did not count. */
    aside: '({text})',
    /** Between the observed and the required value. */
    against: ',',
    quote: ' —「{quote}」',
    text: '条文',
    basis: '依据',
    evidence: '证据',
    needed: '仍需',
    noEvidence: '已填写但未附所需证据',
    partial: '只记录了部分选项,不能据此判定没有',
    unknown: '检查人记为无法确定',
    implementing: '实施单位',
    inferred: '推定',
    responsible: '责任单位',
    clauseHash: '条款哈希',
    optional: '选用条款,不计入结论',
    provisional: '暂定',
    rest: '其余:合格 {pass} 条,不适用 {na} 条。',
    nothing: '没有不合格或无法判定的条款。',
  },
  /** `daoze diff`. */
  diff: {
    kind: {
      'clause-added': '新增条款',
      'clause-removed': '删除条款',
      'check-changed': '判定条件改变',
      'applicability-changed': '适用条件改变',
      'parameter-changed': '限值/参数改变',
      'severity-changed': '严重程度改变',
      'deduction-changed': '扣分改变',
      'optional-changed': '选用/必查改变',
      'text-changed': '条文改变',
      'label-changed': '条款名称改变',
      'messages-changed': '提示语改变',
      'citation-changed': '引用改变',
      'provenance-changed': '来源性质改变',
      'routing-changed': '实施/责任单位改变',
      'group-changed': '所属分组改变',
      'fact-added': '新增检查项',
      'fact-removed': '删除检查项',
      'fact-changed': '检查项改变',
      'parameter-added': '新增参数',
      'parameter-removed': '删除参数',
      'parameter-wording-changed': '参数说明改变',
      'scoring-changed': '计分改变',
      'source-changed': '引用文献改变',
      'metadata-changed': '版本信息改变',
      'scope-changed': '检查范围改变(单元 / 逐个对象)',
      'kind-added': '新增检查对象',
      'kind-removed': '删除检查对象',
      'kind-changed': '检查对象改变',
      'quantifier-changed': '由对象推得的事实改变',
      'rectification-changed': '整改时限改变',
    } satisfies Record<ChangeKind, string>,
    none: '两个版本的内容相同。',
    clauses: '条款',
    edition: '检查项、参数与版本信息',
    required: '按版本规则至少需要',
    actual: '实际版本变化',
    bump: {
      none: '无',
      patch: '修订号 (patch)',
      minor: '次版本 (minor)',
      major: '主版本 (major)',
      downgrade: '降级',
    } satisfies Record<Bump | 'downgrade', string>,
    tooSmall: '版本号变化不足:见 docs/versioning.md',
    decisions: '可能改变判定结果',
    noDecisions: '不改变任何判定结果(只涉及文字、引用等)',
    affects: '涉及条款',
    replay: '回放 {n} 份检查记录({file})',
    unchanged: '结果不变',
    outcomeChanged: '结论改变',
    clausesChanged: '仅条款结果或得分改变',
    rejected: '新版本不接受原记录',
    skipped: '跳过',
    dropped: '新版本不再使用',
    findingNew: '新问题',
    findingResolved: '问题消除',
    /** A line of the replayed file. */
    line: '第 {n} 行',
  },
  /** `daoze verify`: each check's row, its name padded so that the statements line up. */
  verify: {
    intact: '完整      {status}',
    intactYes: '记录哈希与内容一致',
    intactNo: '记录哈希与内容不一致:记录在封存后被改动',
    reproduces: '可复现    {status}',
    reproducesYes: '以 daoze {engine} 按 {ref} 重新判定,{n} 条结果与记录一致',
    reproducesNo: '重新判定的结果与记录不一致',
    reproducesUnknown: '无法重新判定',
    signature: '签名      {status}',
    observation: '原始观测  {status}',
    observationYes: '与记录中的观测一致',
    observationNo: '与记录中的观测不一致',
    altered: '被改动的字段',
    consequences: '由此不同的字段({n}):',
    recorded: '记录值',
    expected: '重新计算得',
    hashOf: '与其记录的哈希不符',
    ok: '校验通过',
    notOk: '校验未通过',
    summary: '{n} 份记录,{ok} 份校验通过',
  },
};

/** The CLI's words in one locale. */
export type Words = typeof zh;

const en: Words = {
  outcome: { pass: 'pass', fail: 'fail', indeterminate: 'indeterminate', not_applicable: 'not applicable' },
  verdict: 'Verdict',
  subject: 'Subject',
  observer: 'Observer',
  at: 'At',
  text: 'Text',
  basis: 'Source',
  routing: 'Implementing / responsible',
  inferred: 'inferred',
  provisional: 'provisional',
  needed: 'Still needed',
  evidence: 'evidence',
  evidenceLabel: 'Evidence',
  optional: 'optional',
  score: 'Score',
  task: 'task {n}',
  clause: 'clause {n}',
  profile: 'Profile',
  facts: 'Facts to record',
  choices: 'Choices',
  range: 'Range',
  unit: 'Unit',
  required: 'required',
  units: {
    findings: 'Findings',
    each: 'each',
    kind: 'Object',
    ownParty: 'failures go to its responsible party',
    mustAct: 'Must act',
    due: 'by {time}',
    hours: 'within {n} h',
    deduction: '−{n} pts',
    unitLabel: 'Unit',
    critical: 'Critical',
    severity: { minor: 'minor', major: 'major', critical: 'critical' },
  },
  optionalCounts: 'optional clauses',
  listSep: ', ',
  records: '{n} record(s) written to {file}',
  signedRecords: '{n} record(s) signed by key {key} written to {file}',
  invalid: 'invalid',
  observations: '{n} observations',
  usage: 'usage:',
  types: {
    boolean: 'yes/no',
    number: 'number',
    integer: 'whole number',
    duration: 'duration',
    enum: 'choice',
    date: 'date',
    datetime: 'date-time',
    list: 'multi-select',
  },
  kinds: { photo: 'photo', measurement: 'measurement', document: 'document', video: 'video', gps: 'GPS' },
  list: {
    columns: {
      ref: 'standard@version',
      nickname: 'nickname',
      status: 'status',
      effective: 'effective',
      clauses: 'clauses',
      provisional: 'provisional',
    },
    profiles: 'City profiles',
  },
  explain: {
    title: 'Verdict explained',
    hash: 'content hash',
    unit: 'U unit',
    grid: 'grid cell',
    evaluatedAt: 'Evaluated',
    observedAt: 'Observed',
    node: { all: 'all of', any: 'any of', not: 'not' },
    notes: {
      'record-intact': 'Record: intact (record hash matches; run daoze verify to re-check the verdict)',
      'record-altered':
        'Record: the record hash does not match its content: it may have been altered; run daoze verify',
      'plain-verdict': 'Record: plain verdict (not a sealed record; cannot be verified)',
      'edition-missing':
        'this edition (with this content hash) is not available here; fact ids and raw values are shown',
      'locale-kept': 'messages are in the language the verdict was made in',
    },
    severity: { minor: 'minor', major: 'major', critical: 'critical' },
    level: 'severity',
    deduction: 'deduction',
    result: 'Finding',
    compare: 'Observed against required',
    applies: 'Applies when',
    observed: 'observed',
    required: 'required',
    aside: ' ({text})',
    against: '; ',
    quote: ' — "{quote}"',
    text: 'Text',
    basis: 'Source',
    evidence: 'Evidence',
    needed: 'Still needed',
    noEvidence: 'given, but its required evidence is not attached',
    partial: 'only some options were checked, which cannot show the others are absent',
    unknown: 'recorded as unknown by the inspector',
    implementing: 'Implementing',
    inferred: 'inferred',
    responsible: 'Responsible',
    clauseHash: 'clause hash',
    optional: 'optional clause, does not count towards the verdict',
    provisional: 'provisional',
    rest: 'The others: {pass} passed, {na} not applicable.',
    nothing: 'No clause failed or was left undecided.',
  },
  diff: {
    kind: {
      'clause-added': 'clause added',
      'clause-removed': 'clause removed',
      'check-changed': 'check changed',
      'applicability-changed': 'applicability changed',
      'parameter-changed': 'threshold / parameter changed',
      'severity-changed': 'severity changed',
      'deduction-changed': 'deduction changed',
      'optional-changed': 'optional / required changed',
      'text-changed': 'text changed',
      'label-changed': 'label changed',
      'messages-changed': 'messages changed',
      'citation-changed': 'citations changed',
      'provenance-changed': 'provenance changed',
      'routing-changed': 'routing changed',
      'group-changed': 'group changed',
      'fact-added': 'fact added',
      'fact-removed': 'fact removed',
      'fact-changed': 'fact changed',
      'parameter-added': 'parameter added',
      'parameter-removed': 'parameter removed',
      'parameter-wording-changed': 'parameter wording changed',
      'scoring-changed': 'scoring changed',
      'source-changed': 'source changed',
      'metadata-changed': 'edition metadata changed',
      'scope-changed': 'checked on the unit or per object: changed',
      'kind-added': 'object kind added',
      'kind-removed': 'object kind removed',
      'kind-changed': 'object kind changed',
      'quantifier-changed': 'fact counted from objects changed',
      'rectification-changed': 'rectification deadlines changed',
    },
    none: 'The two editions have the same content.',
    clauses: 'Clauses',
    edition: 'Facts, parameters and edition metadata',
    required: 'The versioning contract asks for at least',
    actual: 'actual bump',
    bump: { none: 'none', patch: 'patch', minor: 'minor', major: 'major', downgrade: 'downgrade' },
    tooSmall: 'the version bump is too small: see docs/versioning.md',
    decisions: 'can change verdicts',
    noDecisions: 'changes no verdict (wording, citations and the like only)',
    affects: 'affects',
    replay: 'Replay of {n} recorded inspection(s) ({file})',
    unchanged: 'unchanged',
    outcomeChanged: 'outcome changed',
    clausesChanged: 'clause outcomes or score changed only',
    rejected: 'rejected by the new edition as recorded',
    skipped: 'skipped',
    dropped: 'no longer asked',
    findingNew: 'new finding',
    findingResolved: 'finding resolved',
    line: 'line {n}',
  },
  verify: {
    intact: 'intact      {status}',
    intactYes: 'the record hash matches its content',
    intactNo: 'the record hash does not match its content: the record was changed after it was sealed',
    reproduces: 'reproduces    {status}',
    reproducesYes: 're-evaluated with daoze {engine} under {ref}: all {n} clause results as recorded',
    reproducesNo: 're-evaluation does not give the recorded result',
    reproducesUnknown: 'could not be re-evaluated',
    signature: 'signature     {status}',
    observation: 'original observation  {status}',
    observationYes: 'equals the observation in the record',
    observationNo: 'differs from the observation in the record',
    altered: 'Altered fields',
    consequences: 'Fields that differ as a result ({n}):',
    recorded: 'recorded',
    expected: 'recomputed',
    hashOf: 'does not match its recorded hash',
    ok: 'verified',
    notOk: 'NOT verified',
    summary: '{n} record(s), {ok} verified',
  },
};

const WORDS: Record<Locale, Words> = { zh, en };

/** The CLI words for a locale. */
export function words(locale: Locale): Words {
  return WORDS[locale];
}

/**
 * The cases in which `daoze verify` states a record's signature: its status, with `unsigned` said two ways:
 * `unsigned` when no trusted keys were asked for, `unsignedTrusted` when they were and the record has no signature.
 */
export type SignatureCase = RecordSignatureCheck['status'] | 'unsignedTrusted';

/**
 * `daoze verify`'s statement of a record's signature, per case, filled from `{key}` (the signing key's id) and
 * `{message}` (the verifier's own sentence, `RecordSignatureCheck.message`, src/audit/sign.ts).
 *
 * English is that sentence as written, for every case. It could be rebuilt from the report only for `verified`,
 * `unchecked` and `unsigned`: for the other cases the sentence alone holds what it says (the trusted key ids, what
 * is wrong with a malformed signature, why a signature does not verify), so an English template here would
 * either drop that or restate the verifier. Chinese says each case itself, naming the key, and where the reason is
 * the verifier's, quotes its sentence.
 *
 * Kept out of {@link words}: there each phrase has the same placeholders in both languages
 * (test/unit/cli/words.test.ts), and here they differ by design.
 */
export const SIGNATURE_WORDS: Readonly<Record<Locale, Readonly<Record<SignatureCase, string>>>> = {
  zh: {
    verified: '由受信任的密钥 {key} 签名',
    unchecked: '由 {key} 签名——未核验:请加 --trust <公钥.pub>',
    unsigned: '未签名',
    unsignedTrusted: '未由受信任的密钥签名:记录没有签名',
    untrusted: '未由受信任的密钥签名({message})',
    invalid: '未由受信任的密钥签名({message})',
    malformed: '未由受信任的密钥签名({message})',
  },
  en: {
    verified: '{message}',
    unchecked: '{message}',
    unsigned: '{message}',
    unsignedTrusted: '{message}',
    untrusted: '{message}',
    invalid: '{message}',
    malformed: '{message}',
  },
};

/**
 * A phrase with its `{name}` placeholders filled (the placeholder syntax of message templates,
 * src/model/template.ts). A name without a value stays visible as `{name}`, so a missing value shows.
 */
export const phrase = fillTemplate;

/**
 * Errors in the user's language. The CLI's own errors (usage, the files it reads, batch lines) carry their
 * sentence as data — an id of {@link CLI_MESSAGES} and the values of its placeholders — and are worded from that
 * table in the chosen locale. The engine states its problems in English (its messages are part of its API and of
 * the tests that hold it); for those, each entry of the pattern tables below is keyed by the error's code: `en`
 * matches one English sentence the engine writes, its named groups are the placeholders, and `zh` is the same
 * sentence in Chinese. A sentence no entry matches is printed as written; test/cli/locale.test.ts holds that the
 * sentences the engine writes for bad input all have one, and that every CLI sentence has both languages.
 */
import { InputError, type InputErrorCode, type TextPosition } from '../errors.js';
import type { Locale } from '../model/edition.js';

/** One translatable sentence: the English pattern (named groups are its placeholders) and the Chinese template. */
export interface MessageEntry {
  en: RegExp;
  zh: string;
}

const Q = '"(?<key>[^"]*)"';
const GOT = ', got (?<got>.*)';

/** Sentences of observation issues (`ObservationIssue.message`), by issue code. */
export const OBSERVATION_MESSAGES: Readonly<Record<string, readonly MessageEntry[]>> = {
  E_HOSTILE_KEY: [{ en: new RegExp(`^key ${Q} is not allowed$`), zh: '不允许使用键 "{key}"' }],
  E_UNKNOWN_FACT: [
    { en: new RegExp(`^unknown fact ${Q} for (?<ref>.+)$`), zh: '{ref} 没有事实项 "{key}"' },
    { en: new RegExp(`^evidence for unknown fact ${Q}$`), zh: '证据所属的事实项 "{key}" 不存在' },
  ],
  E_SHAPE: [
    { en: /^an observation must be a JSON object$/, zh: '检查记录应为一个 JSON 对象' },
    { en: new RegExp(`^unknown field ${Q}$`), zh: '未知字段 "{key}"' },
    { en: /^facts must be an object of fact id → value$/, zh: 'facts 应为“事实项 id → 值”的对象' },
    {
      en: /^evidence must be an object of fact id → list of evidence references$/,
      zh: 'evidence 应为“事实项 id → 证据引用列表”的对象',
    },
    { en: /^must be a list of at most (?<n>\d+) evidence references$/, zh: '应为至多 {n} 条证据引用的列表' },
    { en: /^must be a string$/, zh: '应为字符串' },
    { en: /^must be an object$/, zh: '应为对象' },
    {
      en: /^must be a date-time with time zone(?: \((?<example>[^)]*)\))?$/,
      zh: '应为带时区的日期时间(如 2026-11-20T09:30:00+08:00)',
    },
    { en: /^must be a number from (?<min>\S+) to (?<max>\S+)$/, zh: '应为 {min} 到 {max} 之间的数' },
    { en: /^unknown evidence kind$/, zh: '未知的证据类型' },
    { en: /^must be "sha256:" and 64 lowercase hex digits$/, zh: '应为 "sha256:" 加 64 位小写十六进制数字' },
    {
      en: /^names inspection unit "(?<old>[^"]*)" but subject.inspectionUnit is "(?<new>[^"]*)": give one$/,
      zh: '检查单元写作 "{old}",而 subject.inspectionUnit 为 "{new}":只写一个',
    },
    {
      en: /^(?<ref>\S+) declares no kinds of object, so it takes no instances$/,
      zh: '{ref} 未定义对象种类,不接受 instances',
    },
    { en: /^instances must be an object of kind id → list$/, zh: 'instances 应为“对象种类 id → 列表”的对象' },
    {
      en: /^must be a list of at most (?<n>\d+) instances \((?<all>\d+) in all\)$/,
      zh: '应为至多 {n} 个对象的列表(合计至多 {all} 个)',
    },
    { en: /^not a part this kind stands in$/, zh: '此类对象不在该部位' },
    { en: /^coordinates need both lat and lng$/, zh: '坐标须同时给出 lat 和 lng' },
    { en: /^unknown coordinate system$/, zh: '未知的坐标系' },
    {
      en: /^coordinates must say their coordinate system \(.*\)$/,
      zh: '坐标须写明坐标系(GPS 为 WGS-84;国内地图服务为 GCJ-02 或 BD-09)',
    },
  ],
  E_UNKNOWN_KIND: [{ en: new RegExp(`^unknown kind ${Q} for (?<ref>.+)$`), zh: '{ref} 没有对象种类 "{key}"' }],
  E_DUPLICATE_ID: [{ en: new RegExp(`^instance id ${Q} is given twice$`), zh: '对象编号 "{key}" 重复' }],
  E_LIMIT: [
    { en: /^is longer than (?<n>\d+) characters$/, zh: '超过 {n} 个字符' },
    {
      en: /^must be a list of at most (?<n>\d+) instances \((?<all>\d+) in all\)$/,
      zh: '应为至多 {n} 个对象的列表(合计至多 {all} 个)',
    },
  ],
  E_FACT_TYPE: [
    { en: new RegExp(`^must be true or false${GOT}$`), zh: '应为 true 或 false,实为 {got}' },
    { en: new RegExp(`^must be a finite number in (?<unit>.+?)${GOT}$`), zh: '应为以 {unit} 计的有限数值,实为 {got}' },
    { en: new RegExp(`^must be a finite number${GOT}$`), zh: '应为有限数值,实为 {got}' },
    { en: new RegExp(`^must be a whole number${GOT}$`), zh: '应为整数,实为 {got}' },
    { en: new RegExp(`^must be a date YYYY-MM-DD${GOT}$`), zh: '应为日期 YYYY-MM-DD,实为 {got}' },
    {
      en: new RegExp(`^must be a date-time with time zone \\([^)]*\\)${GOT}$`),
      zh: '应为带时区的日期时间(如 2026-11-20T09:30:00+08:00),实为 {got}',
    },
    {
      en: new RegExp(`^must be a list of distinct choices, or \\{ "atLeast": \\[choices seen\\] \\}${GOT}$`),
      zh: '应为所选项的列表(各不相同),或 { "atLeast": [已见项] },实为 {got}',
    },
  ],
  E_FACT_RANGE: [
    { en: /^(?<v>\S+) is below the minimum (?<limit>\S+)$/, zh: '{v} 低于最小值 {limit}' },
    { en: /^(?<v>\S+) is above the maximum (?<limit>\S+)$/, zh: '{v} 高于最大值 {limit}' },
  ],
  E_FACT_CHOICE: [
    { en: new RegExp(`^must be one of the choices${GOT}$`), zh: '应为选项之一,实为 {got}' },
    {
      en: new RegExp(`^must be a list of distinct choices, or \\{ "atLeast": \\[choices seen\\] \\}${GOT}$`),
      zh: '应为所选项的列表(各不相同),或 { "atLeast": [已见项] },实为 {got}',
    },
    { en: new RegExp(`^must list each choice at most once${GOT}$`), zh: '每个选项至多列一次,实为 {got}' },
  ],
  E_STANDARD_REF: [
    {
      en: /^the observation must name its standard as "id" or "id@version"$/,
      zh: '检查记录须以 "id" 或 "id@版本" 写明所依标准',
    },
    {
      en: /^no edition of "(?<ref>[^"]*)" was in force on (?<day>\S+) \(the day of observedAt\); pin one as "[^"]*" to evaluate against it anyway$/,
      zh: '{day}(observedAt 当日)没有生效的 "{ref}" 版本;如仍要按某一版本判定,请写明 "{ref}@<版本>"',
    },
    { en: new RegExp(`^no edition ${Q}$`), zh: '没有版本 "{key}"' },
    { en: new RegExp(`^no profile ${Q}$`), zh: '没有城市配置 "{key}"' },
    { en: /^observation is for "(?<obs>[^"]*)", not (?<ref>.+)$/, zh: '检查记录所依标准为 "{obs}",不是 {ref}' },
  ],
};

/** Sentences of input errors (`InputError.reason`, the message without its file prefix), by error code. */
export const INPUT_MESSAGES: Readonly<Record<string, readonly MessageEntry[]>> = {
  E_JSON: [
    {
      en: /^not valid JSON: expected (?<expected>.+), found (?<found>.+)$/,
      zh: '不是有效的 JSON:此处应为{expected},实为{found}',
    },
    { en: /^not valid JSON \((?<detail>.*)\)$/, zh: '不是有效的 JSON({detail})' },
    // A record file's syntax error, with the field it fell in (src/cli/commands/audit-io.ts).
    {
      en: /^not valid JSON inside (?<path>.+?): expected (?<expected>.+), found (?<found>.+)$/,
      zh: '{path} 中不是有效的 JSON:此处应为{expected},实为{found}',
    },
    { en: /^not valid JSON inside (?<path>.+?) \((?<detail>.*)\)$/, zh: '{path} 中不是有效的 JSON({detail})' },
  ],
  E_DUPLICATE_KEY: [
    {
      en: /^key (?<key>".*") appears twice in one object \(first at (?<first>\d+:\d+)\); keep one$/,
      zh: '同一对象中键 {key} 出现两次(第一次在 {first});只保留一个',
    },
  ],
  E_DEPTH: [{ en: /^(?:(?<path>.+): )?values are nested deeper than (?<n>\d+) levels$/, zh: '{path}嵌套超过 {n} 层' }],
  E_VALUE: [
    { en: /^holds more than (?<n>\d+) values$/, zh: '所含的值超过 {n} 个' },
    { en: /^(?<path>.+): (?<v>\S+) is not a finite number$/, zh: '{path}:{v} 不是有限数值' },
    { en: /^(?<path>.+): a (?<type>\w+) is not JSON data$/, zh: '{path}:{type} 不是 JSON 数据' },
    { en: /^(?<path>.+): the value contains itself \(a cycle\)$/, zh: '{path}:值包含自身(循环引用)' },
    { en: /^the record has no verdict$/, zh: '记录中没有判定结果' },
    {
      en: /^neither a verdict record nor a verdict \(daoze check --record, or --format json\)$/,
      zh: '既不是判定记录也不是判定结果(由 daoze check --record 或 --format json 得到)',
    },
    {
      en: /^the verdict names no standard edition \(standard\.ref must be "id@version"\)$/,
      zh: '判定结果没有写明标准版本(standard.ref 应为 "id@版本")',
    },
  ],
  E_ENCODING: [
    {
      en: /^byte (?<n>\d+) \((?<hex>0x[0-9a-f]+)\) is not valid UTF-8; save the file as UTF-8$/,
      zh: '第 {n} 字节({hex})不是有效的 UTF-8;请将文件存为 UTF-8',
    },
    { en: /^not valid UTF-8$/, zh: '不是有效的 UTF-8' },
  ],
  E_TOO_LARGE: [
    { en: /^is larger than (?<n>[\d,]+) bytes$/, zh: '大于 {n} 字节' },
    { en: /^line is longer than (?<n>[\d,]+) bytes$/, zh: '此行长于 {n} 字节' },
  ],
  E_NOT_FILE: [
    { en: /^is (?<kind>.+), not a file$/, zh: '是{kind},不是文件' },
    { en: /^is (?<kind>.+); give a file path to write$/, zh: '是{kind};请给出要写入的文件路径' },
    { en: /^a part of the path is a file, not a folder$/, zh: '路径中有一段是文件,不是文件夹' },
    { en: /^is a folder; give a file path$/, zh: '是文件夹;请给出文件路径' },
    { en: /^cannot write: (?<parent>.+) is not a folder$/, zh: '无法写入:{parent} 不是文件夹' },
    { en: /^is a file \(or has a file in its path\); give a folder$/, zh: '是文件(或路径中有文件);请给出文件夹' },
  ],
  E_NO_SUCH_FILE: [
    { en: /^no such file or folder$/, zh: '没有这个文件或文件夹' },
    { en: /^the folder holds no observation files \(\*\.json\)$/, zh: '文件夹中没有检查记录文件(*.json)' },
    { en: /^cannot write: the folder (?<folder>.+) does not exist$/, zh: '无法写入:文件夹 {folder} 不存在' },
  ],
  E_READ: [
    { en: /^cannot (?<doing>read|write): permission denied$/, zh: '无法{doing}:没有权限' },
    {
      en: /^cannot (?<doing>read|write): too many symbolic links \(a symlink loop\)$/,
      zh: '无法{doing}:符号链接过多(链接成环)',
    },
    { en: /^cannot (?<doing>read|write): the path is too long$/, zh: '无法{doing}:路径过长' },
    { en: /^cannot read: is a folder$/, zh: '无法读取:是文件夹' },
    { en: /^cannot write: no file can be created there$/, zh: '无法写入:该处不能创建文件' },
    { en: /^cannot write: the file system is read-only$/, zh: '无法写入:文件系统只读' },
    { en: /^cannot write: no space left on the device$/, zh: '无法写入:设备空间不足' },
  ],
};

/** Sentences of other engine errors that reach the CLI (the message, or for `E_KEY` the part after `file: E_KEY `), by error code. */
export const ENGINE_MESSAGES: Readonly<Record<string, readonly MessageEntry[]>> = {
  E_NOT_FOUND: [
    {
      en: /^no edition "(?<ref>[^"]*)" in force on (?<day>\S+); known: (?<known>.*)$/,
      zh: '{day} 没有生效的版本 "{ref}";已有:{known}',
    },
    { en: /^no edition "(?<ref>[^"]*)"; known: (?<known>.*)$/, zh: '没有版本 "{ref}";已有:{known}' },
    { en: /^no profile "(?<ref>[^"]*)"; known: (?<known>.*)$/, zh: '没有城市配置 "{ref}";已有:{known}' },
  ],
  E_KEY: [
    {
      en: /^not a Daoze key file \(expected format "(?<format>[^"]*)", found (?<found>.*)\)$/,
      zh: '不是 Daoze 密钥文件(应为格式 "{format}",实为 {found})',
    },
    {
      en: /^expected a (?<type>public|private) key, found type (?<found>.*?): this is a private key; give its \.pub file, and keep the \.key file secret$/,
      zh: '此处应为{type},实为类型 {found}:这是私钥;请给出它的 .pub 文件,并将 .key 文件保密',
    },
    {
      en: /^expected a (?<type>public|private) key, found type (?<found>.*?): this is a public key; signing needs the \.key file$/,
      zh: '此处应为{type},实为类型 {found}:这是公钥;签名需要 .key 文件',
    },
    { en: /^expected a (?<type>public|private) key, found type (?<found>.*)$/, zh: '此处应为{type},实为类型 {found}' },
    { en: /^algorithm (?<alg>.+) is not supported \(ed25519\)$/, zh: '不支持算法 {alg}(只支持 ed25519)' },
    { en: /^publicKey must be 32 bytes in base64$/, zh: 'publicKey 应为 base64 编码的 32 字节' },
    { en: /^privateKey must be 32 bytes in base64$/, zh: 'privateKey 应为 base64 编码的 32 字节' },
    {
      en: /^keyId (?<id>.+) is not the id of its public key \((?<actual>[^)]*)\)$/,
      zh: 'keyId {id} 不是其公钥的 id({actual})',
    },
    { en: /^unexpected member (?<member>.+) in a public key file$/, zh: '公钥文件中有多余的成员 {member}' },
    { en: /^privateKey does not belong to publicKey$/, zh: 'privateKey 与 publicKey 不是一对' },
  ],
  E_RECORD: [
    {
      en: /^not a verdict: (?<path>[^:]+): must be "zh" or "en", got (?<got>.*)$/,
      zh: '不是判定结果:{path}:应为 "zh" 或 "en",实为 {got}',
    },
    {
      en: /^not a verdict: (?<path>[^:]+): must be "true", "false" or "unknown", got (?<got>.*)$/,
      zh: '不是判定结果:{path}:应为 "true"、"false" 或 "unknown",实为 {got}',
    },
    { en: /^not a verdict: (?<path>[^:]+): not an outcome: (?<got>.*)$/, zh: '不是判定结果:{path}:不是判定结论:{got}' },
    {
      en: /^not a verdict: (?<path>[^:]+): (?<what>missing or not [^:]+|not a number)$/,
      zh: '不是判定结果:{path}:{what}',
    },
    { en: /^not a verdict: (?<path>[^:]+): (?<detail>E_[A-Z_]+ .*)$/, zh: '不是判定结果:{path}:{detail}' },
  ],
};

/** English phrases that appear inside other sentences (what a JSON reader expected or found, a file's kind, an action). */
const PHRASES: Readonly<Record<string, string>> = {
  'a value': '一个值',
  'a value or "]"': '一个值或 "]"',
  'a key in double quotes or "}"': '带双引号的键或 "}"',
  'a key in double quotes': '带双引号的键',
  '"," or a closing bracket': '"," 或右括号',
  'the end of the text': '文本结尾',
  'a comment (comments are not JSON)': '注释(JSON 不允许注释)',
  'a string that does not end on its line': '未在本行结束的字符串',
  'a number that ends too early': '不完整的数字',
  'a \\u escape that is not four hex digits': '不是四位十六进制数字的 \\u 转义',
  'an escape that JSON does not have': 'JSON 没有的转义',
  'a control character inside a string (escape it)': '字符串中的控制字符(请转义)',
  'a malformed token': '无法识别的记号',
  'a string': '字符串',
  'a folder': '文件夹',
  'a FIFO (named pipe)': '命名管道(FIFO)',
  'a character device': '字符设备',
  'a block device': '块设备',
  'a socket': '套接字',
  'not a regular file': '非普通文件',
  read: '读取',
  write: '写入',
  '(value)': '(值)',
  none: '无',
  public: '公钥',
  private: '私钥',
  'missing or not a string': '缺失或不是字符串',
  'missing or not an object': '缺失或不是对象',
  'missing or not a list': '缺失或不是列表',
  'missing or not a number': '缺失或不是数值',
  'missing or not true/false': '缺失或不是 true/false',
  'not a number': '不是数值',
};

/** Other words of error reports. */
export const ERROR_WORDS = {
  zh: { invalidObservation: '检查记录无效:', allowed: '允许', observation: '(检查记录)' },
  en: { invalidObservation: 'the observation is invalid:', allowed: 'allowed', observation: '(observation)' },
} as const;

// A placeholder's Chinese: a known phrase, else as written (a value, a number, a path, a key).
function phrase(s: string): string {
  return PHRASES[s] ?? s;
}

/** Fills `{name}` placeholders from `values`; an absent one becomes empty. */
export function fill(template: string, values: Readonly<Record<string, string | undefined>>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
}

/** The sentence `message` (English, of error code `code`) in `locale`, using `table`. */
export function localise(
  table: Readonly<Record<string, readonly MessageEntry[]>>,
  code: string,
  message: string,
  locale: Locale,
): string {
  if (locale === 'en') return message;
  for (const entry of table[code] ?? []) {
    const m = entry.en.exec(message);
    if (!m) continue;
    const groups: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) groups[k] = phrase(v);
    // A path placeholder reads as a prefix in Chinese: `facts.a:` before the sentence, nothing when absent.
    if (groups.path !== undefined && entry.zh.startsWith('{path}') && !entry.zh.startsWith('{path}:'))
      groups.path = `${groups.path}:`;
    return fill(entry.zh, groups);
  }
  // An unknown sentence stays as the engine wrote it: a generic sentence for its code could be untrue (the same
  // code covers several problems), and a true line in English beats a false one in Chinese.
  return message;
}

/** An observation issue's message in `locale`. */
export function observationMessage(code: string, message: string, locale: Locale): string {
  return localise(OBSERVATION_MESSAGES, code, message, locale);
}

/** An input error's reason in `locale`. */
export function inputMessage(code: string, reason: string, locale: Locale): string {
  return localise(INPUT_MESSAGES, code, reason, locale);
}

/**
 * Another engine error's message in `locale` (`E_NOT_FOUND`, `E_KEY`, `E_RECORD`). A key file that is not JSON
 * is an `E_KEY` whose sentence is the JSON reader's (`E_JSON not valid JSON: …`): that sentence is worded as input
 * errors are.
 */
export function engineMessage(code: string, message: string, locale: Locale): string {
  const inner = /^(E_[A-Z_]+) ([\s\S]*)$/.exec(message);
  if (inner && INPUT_MESSAGES[inner[1]!]) return `${inner[1]} ${inputMessage(inner[1]!, inner[2]!, locale)}`;
  return localise(ENGINE_MESSAGES, code, message, locale);
}

/**
 * The sentences the CLI writes itself, by id: the same sentence in English and Chinese, with the same named
 * placeholders (`{option}`), filled from the values an error carries (test/cli/locale.test.ts holds the two
 * languages to the same placeholders).
 */
export const CLI_MESSAGES = {
  // Usage: the command line is wrong (E_USAGE).
  'usage.unknownCommand': { en: 'unknown command "{name}"', zh: '未知命令 "{name}"' },
  'usage.unknownOption': { en: 'unknown option {option}', zh: '未知选项 {option}' },
  'usage.optionTakesNoValue': { en: 'option {option} takes no value', zh: '选项 {option} 不带值' },
  'usage.optionNeedsValue': { en: 'option {option} needs a value', zh: '选项 {option} 需要一个值' },
  'usage.badArguments': { en: '{detail}', zh: '命令行参数有误:{detail}' },
  'usage.locale': { en: '--locale must be zh or en, not "{value}"', zh: '--locale 应为 zh 或 en,不是 "{value}"' },
  'usage.formatOnly': {
    en: '--format: this command prints {format} only, not "{value}"',
    zh: '--format:此命令只输出 {format},不输出 "{value}"',
  },
  'usage.formatOneOf': {
    en: '--format must be {formats} or {last}, not "{value}"',
    zh: '--format 应为 {formats} 或 {last},不是 "{value}"',
  },
  'usage.evaluatedAt': {
    en: '--evaluated-at must be a date-time with time zone',
    zh: '--evaluated-at 应为带时区的日期时间(如 2026-11-20T10:00:00+08:00)',
  },
  'usage.batchNoFiles': {
    en: '--batch reads its own input; give no other observation files',
    zh: '--batch 自行读取输入;不要再给出其他检查记录文件',
  },
  'usage.batchNoRecord': {
    en: '--record is for single observations; --batch writes its own records',
    zh: '--record 用于单份检查记录;--batch 自己写出结果记录',
  },
  'usage.batchNoSign': {
    en: '--sign goes with --record, which is for single observations; --batch does not sign',
    zh: '--sign 与 --record 同用,而 --record 用于单份检查记录;--batch 不签名',
  },
  'usage.csvIsForBatch': { en: '--format csv is for --batch', zh: '--format csv 只用于 --batch' },
  'usage.checkNeedsInput': {
    en: 'check needs an observation file or folder',
    zh: 'check 需要一个检查记录文件或文件夹',
  },
  'usage.recordNeedsNdjson': {
    en: '--record needs an .ndjson file for several observations',
    zh: '多份检查记录时 --record 需要 .ndjson 文件',
  },
  'usage.signNeedsRecord': {
    en: '--sign signs the records of --record; give --record <out.json>',
    zh: '--sign 为 --record 写出的记录签名;请给出 --record <out.json>',
  },
  'usage.batchNeedsInput': {
    en: '--batch needs an NDJSON file, or - for standard input',
    zh: '--batch 需要一个 NDJSON 文件,或用 - 表示标准输入',
  },
  'usage.workers': {
    en: '--workers must be a whole number from {min} to {max}',
    zh: '--workers 应为 {min} 到 {max} 之间的整数',
  },
  'usage.fullNotCsv': {
    en: '--full writes JSON verdicts; it cannot be combined with --format csv',
    zh: '--full 写出 JSON 判定结果,不能与 --format csv 同用',
  },
  'usage.diffNeedsTwo': {
    en: 'diff needs two editions, each as id@version, e.g. daoze diff san-duan@1.0.0 san-duan@1.1.0',
    zh: 'diff 需要两个版本,各写作 id@版本,如 daoze diff san-duan@1.0.0 san-duan@1.1.0',
  },
  'usage.explainNeedsOne': {
    en: 'explain needs one verdict record or verdict file',
    zh: 'explain 需要一个判定记录文件或判定结果文件',
  },
  'usage.showNeedsStandard': {
    en: 'show needs a standard, e.g. daoze show san-duan',
    zh: 'show 需要一个标准,如 daoze show san-duan',
  },
  'usage.verifyNeedsOne': {
    en: 'verify needs one record file (.json, or .ndjson with one record per line)',
    zh: 'verify 需要一个记录文件(.json,或每行一份记录的 .ndjson)',
  },
  'usage.observationOneRecord': {
    en: '--observation goes with a single record',
    zh: '--observation 只能与单份记录同用',
  },
  'usage.buildArgument': {
    en: 'unexpected argument "{arg}"; name the standards folder with --standards',
    zh: '多余的参数 "{arg}";标准文件夹请用 --standards 指定',
  },
  'usage.buildOnly': {
    en: '--only {ref}: no such standard; known: {known}',
    zh: '--only {ref}:没有这个标准;已有:{known}',
  },
  'usage.keygenArgument': {
    en: 'unexpected argument "{arg}"; name the key files with --out <name>',
    zh: '多余的参数 "{arg}";密钥文件名请用 --out <名称> 指定',
  },
  'usage.keygenNeedsOut': {
    en: 'keygen needs --out <name> (writes <name>.key and <name>.pub)',
    zh: 'keygen 需要 --out <名称>(写出 <名称>.key 和 <名称>.pub)',
  },
  // Input: a file the CLI reads or writes, or a line of a batch.
  'input.noSuchFile': { en: 'no such file', zh: '没有这个文件' },
  'input.noProfilesFolder': { en: 'no such folder of profiles', zh: '没有这个城市配置文件夹' },
  'input.emptyFolder': { en: 'the folder holds no observation files (*.json)', zh: '文件夹中没有检查记录文件(*.json)' },
  'input.cannotReadCode': { en: 'cannot read ({reason})', zh: '无法读取({reason})' },
  'input.symlinkLoop': {
    en: 'cannot read: too many symbolic links (a symlink loop)',
    zh: '无法读取:符号链接过多(链接成环)',
  },
  'input.permissionDenied': { en: 'cannot read: permission denied', zh: '无法读取:没有权限' },
  'input.batchFolder': {
    en: 'is a folder; --batch reads one NDJSON file (or - for standard input)',
    zh: '是文件夹;--batch 读取一个 NDJSON 文件(或用 - 表示标准输入)',
  },
  'input.batchDevice': {
    en: 'is a device or socket, not a file; --batch reads one NDJSON file (or - for standard input)',
    zh: '是设备或套接字,不是文件;--batch 读取一个 NDJSON 文件(或用 - 表示标准输入)',
  },
  'input.lineTooLong': { en: 'line is longer than {n} bytes', zh: '此行长于 {n} 字节' },
  'input.recordsNeedNdjson': {
    en: '{n} records need an .ndjson file (one record per line)',
    zh: '{n} 份记录需要 .ndjson 文件(每行一份记录)',
  },
  'input.noKeyFile': { en: 'no such key file', zh: '没有这个密钥文件' },
  'input.keyNotFile': { en: 'not a regular file', zh: '不是普通文件' },
  'input.keyTooLarge': { en: 'is {size} bytes, too large to be a key file', zh: '有 {size} 字节,太大,不是密钥文件' },
  'input.keyCannotRead': { en: 'cannot read the key file ({reason})', zh: '无法读取密钥文件({reason})' },
  'input.keyCannotWrite': { en: 'cannot write the key file ({reason})', zh: '无法写入密钥文件({reason})' },
  'input.keyExists': {
    en: 'exists already; keygen never overwrites a key file (choose another --out, or remove it yourself)',
    zh: '已存在;keygen 从不覆盖密钥文件(请换一个 --out,或自行删除它)',
  },
  'input.cannotMakeFolder': { en: 'cannot make the folder ({reason})', zh: '无法创建文件夹({reason})' },
} as const satisfies Readonly<Record<string, Readonly<Record<Locale, string>>>>;

/** The id of a sentence of {@link CLI_MESSAGES}. */
export type CliMessageId = keyof typeof CLI_MESSAGES;

/** Values of a sentence's named placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** A CLI sentence as data: which sentence, and the values of its placeholders. */
export interface CliMessage {
  readonly id: CliMessageId;
  readonly params: MessageParams;
}

/** A CLI sentence in `locale`; a number is written with thousands separators, as the CLI writes sizes. */
export function cliText(m: CliMessage, locale: Locale): string {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.params)) values[k] = typeof v === 'number' ? v.toLocaleString('en-US') : v;
  return fill(CLI_MESSAGES[m.id][locale], values);
}

/**
 * An input error the CLI and the batch runner raise themselves (a file they read or write, a batch line): an `InputError` whose reason
 * is data, worded in the user's locale when printed; `message` is the English, as every `InputError`'s.
 */
export class CliInputError extends InputError {
  /** The reason, to word in a locale. */
  readonly text: CliMessage;
  constructor(
    code: InputErrorCode,
    file: string,
    id: CliMessageId,
    params: MessageParams = {},
    where: { position?: TextPosition; path?: string } = {},
  ) {
    const text = { id, params };
    super(code, file, cliText(text, 'en'), where);
    this.text = text;
  }
}

/**
 * The SDK's own words, in Chinese and English: error messages (data with named `{placeholders}`, stating what
 * was given and what is allowed) and the names of outcomes and input kinds that a checklist UI shows.
 */
import type { I18nText, Locale, Outcome } from '../src/index.js';

/** Error and notice messages. Each placeholder is filled from the error's data; zh and en use the same set. */
export const MESSAGES = {
  unknownFact: {
    zh: '{standard} 没有检查项“{fact}”。',
    en: '{standard} has no checklist item "{fact}".',
  },
  missingValue: {
    zh: '“{label}”没有给出回答;要撤销回答请用 clear("{fact}")。',
    en: '"{label}" was given no answer; to take an answer back, use clear("{fact}").',
  },
  kindFact: {
    zh: '“{label}”是逐个{kind}检查的项目:请用 answerInstance(对象编号, "{fact}", 回答) 记录。',
    en: '"{label}" is asked of each of the {kind} one by one: record it with answerInstance(id, "{fact}", value).',
  },
  missingInstanceValue: {
    zh: '{instance} 的“{label}”没有给出回答;要撤销回答请用 clearInstance("{id}", "{fact}")。',
    en: '"{label}" of {instance} was given no answer; to take an answer back, use clearInstance("{id}", "{fact}").',
  },
  unknownInstanceFact: {
    zh: '{instance} 没有检查项“{fact}”({kind}的检查项:{facts})。',
    en: '{instance} has no checklist item "{fact}" (the items of {kind}: {facts}).',
  },
  unknownKind: {
    zh: '{standard} 没有“{kind}”这类对象(有:{kinds})。',
    en: '{standard} has no kind of object "{kind}" (it has: {kinds}).',
  },
  unknownInstance: {
    zh: '这次检查没有编号为“{id}”的对象(已记录:{ids})。',
    en: 'This inspection has no object "{id}" (recorded: {ids}).',
  },
  duplicateInstance: {
    zh: '编号“{id}”已用于{instance}:同一次检查中对象的编号不能重复。',
    en: 'The id "{id}" is already that of {instance}: objects of one inspection need distinct ids.',
  },
  instance: {
    zh: '对象无效:{detail}',
    en: 'The object is invalid: {detail}',
  },
  instanceFacts: {
    zh: '添加对象时不带回答:添加后请用 answerInstance("{id}", 检查项, 回答) 逐项记录(收到字段“{field}”)。',
    en: 'An object is added without answers: record them with answerInstance("{id}", fact, value) once it is added (got the field "{field}").',
  },
  kindNotEmpty: {
    zh: '已记录 {n} 个{kind}({labels}),不能{action};请先用 removeInstance 逐个移除。',
    en: '{n} of the {kind} are recorded ({labels}), so the unit cannot be {action}; remove them first with removeInstance.',
  },
  valueBoolean: {
    zh: '“{label}”须回答“是”或“否”(true / false),收到 {value}。',
    en: '"{label}" must be answered yes or no (true / false); got {value}.',
  },
  valueNumber: {
    zh: '“{label}”须为数值{unit},收到 {value}。',
    en: '"{label}" must be a number{unit}; got {value}.',
  },
  valueInteger: {
    zh: '“{label}”须为整数{unit},收到 {value}。',
    en: '"{label}" must be a whole number{unit}; got {value}.',
  },
  valueRange: {
    zh: '“{label}”须在 {range} 之间,收到 {value}。',
    en: '"{label}" must be from {range}; got {value}.',
  },
  valueChoice: {
    zh: '“{label}”须为以下之一:{choices};收到 {value}。',
    en: '"{label}" must be one of: {choices}; got {value}.',
  },
  valueDate: {
    zh: '“{label}”须为日期(如 2026-11-20),收到 {value}。',
    en: '"{label}" must be a date such as 2026-11-20; got {value}.',
  },
  valueList: {
    zh: '“{label}”须为所勾选项的列表(每项至多一次,可为空),或 {"atLeast": [已见项]};可选项:{choices};收到 {value}。',
    en: '"{label}" must be a list of the options ticked (each at most once, possibly none), or {"atLeast": [options seen]}; options: {choices}; got {value}.',
  },
  valueDateTime: {
    zh: '“{label}”须为带时区的时间(如 2026-11-20T09:30:00+08:00),收到 {value}。',
    en: '"{label}" must be a date-time with a time zone such as 2026-11-20T09:30:00+08:00; got {value}.',
  },
  evidence: {
    zh: '“{label}”的证据无效:{detail}(位置 {path})。',
    en: 'The evidence for "{label}" is invalid: {detail} (at {path}).',
  },
  notFound: {
    zh: '标准包中没有 {ref};包中有:{available}。',
    en: 'The bundle has no {ref}; it has: {available}.',
  },
  notInForce: {
    zh: '标准包中没有 {day} 当天有效的 {ref} 版本;如需按某一版本检查,请写明 {ref}@版本号。包中有:{available}。',
    en: 'The bundle has no edition of {ref} in force on {day}; to inspect under a given edition, name it as {ref}@<version>. It has: {available}.',
  },
  editionMissing: {
    zh: '这次检查按 {ref}(内容 {hash})进行,但当前标准包中没有这一版本(包中该标准的版本:{available})。检查没有改用其他版本:请用含有该版本的标准包恢复,或开始新的检查。',
    en: 'This inspection was made under {ref} (content {hash}), and the bundle does not have that edition (its versions of the standard: {available}). It was not moved onto another edition: restore it with a bundle that has the edition, or start a new inspection.',
  },
  editionChanged: {
    zh: '这次检查按 {ref}(内容 {hash})进行,但标准包中的 {ref} 内容是 {found}:同一版本号下内容不同,检查没有恢复。',
    en: "This inspection was made under {ref} (content {hash}), but the bundle's {ref} has content {found}: the same version with different content, so the inspection was not restored.",
  },
  snapshot: {
    zh: '无法恢复检查记录:{detail}',
    en: 'The saved inspection cannot be restored: {detail}',
  },
  snapshotData: {
    zh: '无法恢复检查记录:不是可读取的 JSON 数据({detail})。',
    en: 'The saved inspection cannot be restored: it is not readable JSON data ({detail}).',
  },
  snapshotField: {
    zh: '无法恢复检查记录:有未知字段“{field}”(允许的字段:{allowed})。记录没有被改动后恢复。',
    en: 'The saved inspection cannot be restored: it has an unknown field "{field}" (allowed: {allowed}). It was not altered to fit.',
  },
  snapshotRef: {
    zh: '无法恢复检查记录:edition.ref 为 {ref},与其标准编号和版本 {expected} 不一致。',
    en: 'The saved inspection cannot be restored: its edition.ref is {ref}, which is not its id and version {expected}.',
  },
  snapshotLocale: {
    zh: '无法恢复检查记录:语言 locale 须为 zh 或 en,收到 {value}。',
    en: 'The saved inspection cannot be restored: its locale must be zh or en; got {value}.',
  },
  snapshotRevision: {
    zh: '无法恢复检查记录:修订号 revision 须为不小于 0 的整数,收到 {value}。',
    en: 'The saved inspection cannot be restored: its revision must be a whole number, 0 or more; got {value}.',
  },
  notData: {
    zh: '“{label}”的回答不是可记录的数据:{detail}。',
    en: 'The answer for "{label}" is not data that can be recorded: {detail}.',
  },
  options: {
    zh: '检查选项无效:{detail}',
    en: 'Invalid checklist options: {detail}',
  },
  bundle: {
    zh: '标准包无效:{detail}',
    en: 'The bundle is invalid: {detail}',
  },
  signature: {
    zh: '标准包的签名未通过受信任密钥的验证,未予使用:{detail}',
    en: 'The bundle was not used: its signature does not verify under a trusted key. {detail}',
  },
} as const satisfies Record<string, I18nText>;

/** The name of each message. */
export type MessageKey = keyof typeof MESSAGES;

/** Outcome names as an inspector reads them. */
export const OUTCOME_TEXT: Readonly<Record<Outcome, I18nText>> = {
  pass: { zh: '合格', en: 'Pass' },
  fail: { zh: '不合格', en: 'Fail' },
  indeterminate: { zh: '无法判定', en: 'Undecided' },
  not_applicable: { zh: '不适用', en: 'Not applicable' },
};

/** Small words the SDK puts into messages. */
export const WORDS = {
  none: { zh: '无', en: 'none' },
  list: { zh: '、', en: ', ' },
  to: { zh: ' 至 ', en: ' to ' },
  in: { zh: '(单位 {unit})', en: ' in {unit}' },
  recordNone: { zh: '记为“没有”', en: 'recorded as having none' },
  clearKind: { zh: '改回“未记录”', en: 'put back to not recorded' },
} as const satisfies Record<string, I18nText>;

const PLACEHOLDER = /\{([a-zA-Z0-9-]+)\}/g;

/** Fills a message's placeholders in both languages; a name without data stays visible as `{name}`. */
export function fill(template: I18nText, data: Readonly<Record<string, string | I18nText>>): I18nText {
  const one = (locale: Locale) =>
    template[locale].replace(PLACEHOLDER, (whole, name: string) => {
      const v = Object.prototype.hasOwnProperty.call(data, name) ? data[name] : undefined;
      return v === undefined ? whole : typeof v === 'string' ? v : v[locale];
    });
  return { zh: one('zh'), en: one('en') };
}

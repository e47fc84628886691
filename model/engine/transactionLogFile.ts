/**
 * The registry's transaction log as plain, JSON-serialisable data (what a run writes when asked to), and back. A log
 * read back replays (`replay` in `model/registry/replay.ts`) to the same holdings as the registry that wrote it.
 * Pure: writing to a file is the caller's business (`JSON.stringify` the result).
 */
import { TransactionLog, type LogEntry, type LogLocation } from '../registry/log.js';
import type { UnitClassData } from '../registry/types.js';

export const TRANSACTION_LOG_FORMAT = 'ets-sim/registry-log@1';

export interface TransactionLogFile {
  format: typeof TRANSACTION_LOG_FORMAT;
  /** Unit class key (as in each effect's `from.cls` / `to.cls`) → the class's attributes. */
  classes: Record<string, UnitClassData>;
  /** Every entry in log order. */
  entries: LogEntry[];
}

export class TransactionLogFormatError extends Error {
  override readonly name = 'TransactionLogFormatError';
}

/** The log's entries and unit classes as plain data. */
export function writeTransactionLog(log: TransactionLog): TransactionLogFile {
  const classes: Record<string, UnitClassData> = {};
  for (const [key, data] of log.classes) classes[key] = { ...data, art6: data.art6 === null ? null : { ...data.art6 } };
  return { format: TRANSACTION_LOG_FORMAT, classes, entries: log.entries() };
}

/**
 * Rebuilds a `TransactionLog` from written data.
 * @throws TransactionLogFormatError on an unknown format or an effect naming a class the file does not define
 */
export function readTransactionLog(file: TransactionLogFile): TransactionLog {
  if (file.format !== TRANSACTION_LOG_FORMAT) throw new TransactionLogFormatError(`format: expected "${TRANSACTION_LOG_FORMAT}", got "${String(file.format)}"`);
  const log = new TransactionLog();
  const locationOf = (location: LogLocation, where: string): number => {
    const data = file.classes[location.cls];
    if (data === undefined) throw new TransactionLogFormatError(`${where}: unit class "${location.cls}" is not in classes`);
    return log.location(location.registry, location.account, { ...data, key: location.cls }, location.status, location.reservedBy);
  };
  for (const [k, entry] of file.entries.entries()) {
    const first = log.effectCount;
    for (const [e, effect] of entry.effects.entries()) {
      const where = `entries[${k}].effects[${e}]`;
      const from = effect.from === null ? -1 : locationOf(effect.from, `${where}.from`);
      log.effect(effect.origin, effect.start, effect.end, from, locationOf(effect.to, `${where}.to`));
    }
    const meta = entry.compliance === undefined && entry.refTx === undefined && entry.reason === undefined ? null : {
      ...(entry.compliance === undefined ? {} : { compliance: entry.compliance }),
      ...(entry.refTx === undefined ? {} : { refTx: entry.refTx }),
      ...(entry.reason === undefined ? {} : { reason: entry.reason }),
    };
    log.commit(first, entry.txId, entry.type, entry.at, entry.phase, meta);
  }
  return log;
}

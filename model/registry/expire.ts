/**
 * EXPIRE (system transaction, §5.4): every ACTIVE unit of a registry whose expiry has passed at `at` becomes
 * EXPIRED in place. Expiry is the unit's own `expiresAt` (tCER/lCER) or its scheme's validity rule (J-VER: usable
 * until the end of FY2020), whichever comes first; a unit is expired from that instant on (at ≥ expiry).
 */
import { reject, type Rejection } from './checkCodes.js';
import type { Instant } from './instant.js';
import { nextTxId, movePiece, type AppliedRange, type Piece } from './transact.js';
import type { RegistrySystem } from './system.js';
import type { RegistryId, TxId } from './types.js';

export interface ExpireRequest {
  id?: TxId;
  registry: RegistryId;
  at: Instant;
}

export type ExpireResult = { ok: true; txId: TxId | null; quantity: number; ranges: AppliedRange[] } | Rejection;

/** Expires what is due in one registry; applies nothing (and uses no id) when nothing is due. */
export function expireUnits(system: RegistrySystem, request: ExpireRequest): ExpireResult {
  if (request.id !== undefined && system.usedTxIds.has(request.id)) return reject('S01', `transaction id ${request.id} was already used`);
  const registry = system.registries.get(request.registry);
  if (registry === undefined) return reject('A01', `unknown registry ${request.registry}`);
  const pieces: Piece[] = [];
  for (const account of registry.accounts.values()) {
    for (const holding of account.holdings.values()) {
      if (holding.status !== 'ACTIVE') continue;
      const cls = system.classes[holding.classId]!;
      if (cls.effectiveExpiry === null || request.at < cls.effectiveExpiry) continue;
      for (const [start, end] of holding.blocks.toArray()) pieces.push({ holding, account, cls, start, end });
    }
  }
  if (pieces.length === 0) return { ok: true, txId: null, quantity: 0, ranges: [] };
  const txId = request.id ?? nextTxId(system, registry.id);
  if (request.id !== undefined) system.usedTxIds.add(txId);
  const firstEffect = system.log.effectCount;
  const ranges: AppliedRange[] = [];
  let quantity = 0;
  for (const piece of pieces) {
    movePiece(system, piece, piece.account, 'EXPIRED', null, null);
    quantity += piece.end - piece.start + 1;
    ranges.push({ origin: piece.cls.origin, start: piece.start, end: piece.end, unitType: piece.cls.unitType, scheme: piece.cls.scheme, vintage: piece.cls.vintage });
  }
  system.log.commit(firstEffect, txId, 'EXPIRE', request.at, 'COMMITTED', null);
  return { ok: true, txId, quantity, ranges };
}

/**
 * Every job kind in one table: what each layer needs to know about a kind besides its wire format. PURE, and
 * small enough for the webview bundle. The record's type makes a missing kind a compile error;
 * test/unit/kinds/kindTables.test.ts checks the other tables that list kinds.
 */
import { type CloudId, type JobKind } from '../model/job.js';
import { iceInfo } from './ice.js';
import { liveEdgeInfo } from './liveEdge.js';
import { liveEditingInfo } from './liveEditing.js';
import { mpcEditingInfo } from './mpcEditing.js';
import { type KindInfo } from './types.js';
import { vodInfo } from './vod.js';

export { type KindInfo, type KindParam } from './types.js';

export const KIND_INFO: Readonly<Record<JobKind, KindInfo>> = {
  ice: iceInfo,
  vod: vodInfo,
  'live-editing': liveEditingInfo,
  'live-edge': liveEdgeInfo,
  'mpc-editing': mpcEditingInfo,
};

export const CLOUD_LABEL: Readonly<Record<CloudId, string>> = { aliyun: 'Alibaba Cloud', huawei: 'Huawei Cloud' };

const ALL_KINDS = Object.keys(KIND_INFO) as JobKind[];

/** The kinds a cloud serves, in KIND_INFO's order. */
export function kindsOfCloud(cloud: CloudId): JobKind[] {
  return ALL_KINDS.filter((k) => KIND_INFO[k].cloud === cloud);
}

/** Kind → label (`IMS editing job`). */
export const KIND_LABEL: Readonly<Record<JobKind, string>> = mapKinds((i) => i.label);
/** Kind → cloud. */
export const KIND_CLOUD: Readonly<Record<JobKind, CloudId>> = mapKinds((i) => i.cloud);
/** Kind → codicon id. */
export const KIND_ICON: Readonly<Record<JobKind, string>> = mapKinds((i) => i.icon);
/** Kind → the API its status comes from. */
export const KIND_API: Readonly<Record<JobKind, string>> = mapKinds((i) => i.api);

function mapKinds<T>(f: (i: KindInfo) => T): Record<JobKind, T> {
  return Object.fromEntries(ALL_KINDS.map((k) => [k, f(KIND_INFO[k])])) as Record<JobKind, T>;
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { consoleLink, consoleUrl, editingProjectLink } from '../../../src/present/consoleLinks.js';
import { JOB_KINDS } from '../../../src/model/job.js';
import { type JobRef } from '../../../src/model/jobRef.js';

const ref = (kind: JobRef['kind'], id: string, region = 'cn-shanghai'): JobRef => ({ kind, id, region, params: {} });

test('every kind links to its product console over https', () => {
  const hosts: Record<string, string> = {
    ice: 'ims.console.aliyun.com', vod: 'vod.console.aliyun.com', 'live-editing': 'live.console.aliyun.com',
    'live-edge': 'live.console.aliyun.com', 'mpc-editing': 'console.huaweicloud.com',
  };
  for (const kind of JOB_KINDS) {
    const url = new URL(consoleUrl(ref(kind, '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801'), 'cn-north-4'));
    assert.equal(url.protocol, 'https:', kind);
    assert.equal(url.host, hosts[kind], kind);
  }
});

test('MPC carries the region; a VOD task links to its video when the snapshot names it', () => {
  assert.equal(consoleUrl(ref('mpc-editing', 'x', 'cn-north-4'), 'cn-north-4'), 'https://console.huaweicloud.com/mpc/?region=cn-north-4');
  // The ref's own region is used when none is given.
  assert.equal(consoleUrl(ref('mpc-editing', 'x', 'ap-southeast-3'), ''), 'https://console.huaweicloud.com/mpc/?region=ap-southeast-3');
  const video = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  const snap = { ...blankJob('vod', 'cn-shanghai', 'b1b65ab107e14c0e8f3dbb900f6c1f02'), name: video };
  assert.deepEqual(consoleLink(ref('vod', snap.id), 'cn-shanghai', snap), {
    url: `https://vod.console.aliyun.com/#/media/video/detail/${video}/video`, exact: false,
  });
  assert.equal(consoleUrl(ref('vod', snap.id), 'cn-shanghai'), 'https://vod.console.aliyun.com/#/media/video/list');
});

test('hostile ids and regions never reach the URL unencoded', () => {
  const evil = 'x"><script>alert(1)</script>&a=b#frag';
  for (const kind of JOB_KINDS) {
    const url = consoleUrl(ref(kind, evil, evil), evil, { ...blankJob(kind, evil, evil), name: evil });
    assert.ok(!url.includes('<') && !url.includes('"') && !url.includes('script'), `${kind}: ${url}`);
    assert.ok(url.startsWith('https://'));
  }
});

test('an IMS job\'s editing project links the IMS console (the project page itself is unconfirmed), a job without one none', () => {
  const job = { ...blankJob('ice', 'cn-shanghai', 'j1'), editingProjectId: '****fddd7748b58bf1d47e95****' };
  assert.deepEqual(editingProjectLink(job), { url: 'https://ims.console.aliyun.com/summary', exact: false });
  assert.equal(editingProjectLink({ ...job, editingProjectId: null }), null);
  assert.equal(editingProjectLink({ ...job, editingProjectId: '  ' }), null);
  assert.equal(editingProjectLink(blankJob('ice', 'cn-shanghai', 'j1')), null);
});

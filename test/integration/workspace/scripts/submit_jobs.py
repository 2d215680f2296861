"""Resubmits and checks media jobs from last night's run (sample workspace for Media Job Inspector)."""
import os

# Alibaba Cloud Intelligent Media Services (ICE) editing jobs
ICE_JOBS = [
    "7c1e0a9b5d3f4e21a8c6f0b2d4e6a801",  # moving: Queuing -> Processing -> Success
    "7c1e0a9b5d3f4e21a8c6f0b2d4e6a804",  # Processing at 45 %
    "7c1e0a9b5d3f4e21a8c6f0b2d4e6a806",  # Failed
]

# ApsaraVideo VOD transcode tasks
VOD_TASK_ID = "b1b65ab107e14c0e8f3dbb900f6c1f01"

# ApsaraVideo Live production studio: caster and editing show, edge transcode job
CASTER_ID = "53200b81-b761-4c10-842a-a0726d970001"
SHOW_ID = "42200b81-0c1d-4e5f-8a9b-000000000001"
EDGE_CLUSTER_ID, EDGE_JOB_ID = "edge-cluster-sh-01", "e7d1c4b2-9a8f-4e3d-b2c1-0f9e8d7c6b01"

# Huawei Cloud MPC editing jobs (project 0a1b2c3d4e5f60718293a4b5c6d7e8f9)
MPC_JOB_IDS = ["5f3c9a1e7b2d4c6e8a0b1c2d3e4f5a01", "5f3c9a1e7b2d4c6e8a0b1c2d3e4f5a03"]


def main() -> None:
    region = os.environ.get("ALIBABA_CLOUD_REGION", "cn-shanghai")
    for job_id in ICE_JOBS:
        print(f"would check ICE job {job_id} in {region}")


if __name__ == "__main__":
    main()

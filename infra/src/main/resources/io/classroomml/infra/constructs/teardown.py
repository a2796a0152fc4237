# Stops what a student started outside CloudFormation (jobs, models, notebook apps and spaces),
# detaches what was attached to the student's roles outside it (the deny policy), empties the
# buckets. Runs on the stack's Delete (before roles, buckets, profile) and budget stop.
import os
import time
import boto3
import cfnresponse

sm = boto3.client("sagemaker")
P = os.environ["PREFIX"]
KEY = os.environ["TAG_KEY"]
JOBS = (
    ("list_training_jobs", "TrainingJobSummaries", "TrainingJob", "stop_training_job"),
    ("list_hyper_parameter_tuning_jobs", "HyperParameterTuningJobSummaries",
     "HyperParameterTuningJob", "stop_hyper_parameter_tuning_job"),
    ("list_transform_jobs", "TransformJobSummaries", "TransformJob", "stop_transform_job"),
)


def pages(op, key, **kw):
    for page in sm.get_paginator(op).paginate(**kw):
        yield from page[key]


def mine(arn):
    tags = sm.list_tags(ResourceArn=arn)["Tags"]
    return any(t["Key"] == KEY and t["Value"] == os.environ["STUDENT"] for t in tags)


def stop():
    for op, key, kind, action in JOBS:
        for job in pages(op, key, NameContains=P, StatusEquals="InProgress"):
            name = job[kind + "Name"]
            if name.startswith(P) and mine(job[kind + "Arn"]):
                try:
                    getattr(sm, action)(**{kind + "Name": name})
                except sm.exceptions.ClientError as e:
                    print("could not stop", name, e)
    for model in pages("list_models", "Models", NameContains=os.environ["MODELS"]):
        if mine(model["ModelArn"]):
            sm.delete_model(ModelName=model["ModelName"])


def notebooks(keep):
    d, u = map(os.environ.get, ("DOMAIN", "PROFILE"))
    if not d:
        return
    own = lambda: [s["SpaceName"] for s in pages("list_spaces", "Spaces", DomainIdEquals=d)
                   if s.get("OwnershipSettingsSummary", {}).get("OwnerUserProfileName") == u]
    sp = own()
    apps = lambda: [a for k in [{"UserProfileNameEquals": u}] + [{"SpaceNameEquals": s} for s in sp]
                    for a in pages("list_apps", "Apps", DomainIdEquals=d, **k)
                    if a["Status"] not in ("Deleted", "Failed")]
    for a in apps():
        if a["Status"] != "Deleting":
            by = {"SpaceName": a["SpaceName"]} if a.get("SpaceName") else {"UserProfileName": u}
            sm.delete_app(DomainId=d, AppType=a["AppType"], AppName=a["AppName"], **by)
    if not keep:
        until(apps)
        for s in sp:
            sm.delete_space(DomainId=d, SpaceName=s)
        until(own)


def until(left):
    for _ in range(40):
        if not left():
            return
        time.sleep(10)


def deny():
    iam = boto3.client("iam")
    for role in os.environ["ROLES"].split(","):
        iam.attach_role_policy(RoleName=role, PolicyArn=os.environ["DENY_POLICY"])
    endpoint = os.environ.get("ENDPOINT")
    if endpoint:
        try:
            sm.delete_endpoint(EndpointName=endpoint)
        except sm.exceptions.ClientError as e:
            print("could not delete", endpoint, e)


def detach():
    # IAM refuses DeleteRole and DeletePolicy while a policy is attached (DeleteConflict).
    iam = boto3.client("iam")
    for role in os.environ["ROLES"].split(","):
        for page in iam.get_paginator("list_attached_role_policies").paginate(RoleName=role):
            for p in page["AttachedPolicies"]:
                iam.detach_role_policy(RoleName=role, PolicyArn=p["PolicyArn"])


def empty():
    s3 = boto3.resource("s3")
    for bucket in os.environ["BUCKETS"].split(","):
        s3.Bucket(bucket).object_versions.delete()


def handler(event, context):
    if "Records" in event:
        deny()
        stop()
        notebooks(True)
        return
    try:
        if event["RequestType"] == "Delete":
            detach()
            stop()
            notebooks(False)
            empty()
        cfnresponse.send(event, context, cfnresponse.SUCCESS, {})
    except Exception as e:
        print("teardown failed", e)
        cfnresponse.send(event, context, cfnresponse.FAILED, {}, reason=str(e)[:200])

# Stops what a student's pipelines started outside CloudFormation, detaches what was attached
# to the student's roles outside it (the budget's deny policy) and empties the buckets.
# Runs as the stack's custom resource (on Delete, before the roles and buckets go) and on the
# budget's stop topic (SNS).
import os
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
        return
    try:
        if event["RequestType"] == "Delete":
            detach()
            stop()
            empty()
        cfnresponse.send(event, context, cfnresponse.SUCCESS, {})
    except Exception as e:
        print("teardown failed", e)
        cfnresponse.send(event, context, cfnresponse.FAILED, {}, reason=str(e)[:200])

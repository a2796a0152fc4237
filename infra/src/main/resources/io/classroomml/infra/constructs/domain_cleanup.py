# Deletes the class's Studio domain the way CloudFormation cannot: on Delete (this custom resource
# depends on the domain, so it runs first) it deletes every app, then every space, then every
# user profile left in the domain, then the domain itself with its home EFS
# (RetentionPolicy HomeEfsFileSystem=Delete; CloudFormation's own delete keeps the EFS, whose
# mount targets then block the subnets), then the NFS security groups SageMaker created in the
# VPC, which would block deleting the VPC. CloudFormation's delete of the domain then finds it gone.
import os
import time
import boto3
import cfnresponse

sm = boto3.client("sagemaker")
ec2 = boto3.client("ec2")
D = os.environ["DOMAIN"]
GONE = ("Deleted", "Failed")


def pages(op, key, **kw):
    for page in sm.get_paginator(op).paginate(**kw):
        yield from page[key]


def wait(left):
    for _ in range(60):
        if not left():
            return
        time.sleep(10)


def apps():
    return [a for a in pages("list_apps", "Apps", DomainIdEquals=D) if a["Status"] not in GONE]


def spaces():
    return list(pages("list_spaces", "Spaces", DomainIdEquals=D))


def profiles():
    return list(pages("list_user_profiles", "UserProfiles", DomainIdEquals=D))


def delete(call, **kw):
    try:
        call(DomainId=D, **kw)
    except sm.exceptions.ClientError as e:
        print("could not", call.__name__, kw, e)


def clean():
    for a in apps():
        owner = {"SpaceName": a["SpaceName"]} if a.get("SpaceName") else {
            "UserProfileName": a["UserProfileName"]}
        if a["Status"] != "Deleting":
            delete(sm.delete_app, AppType=a["AppType"], AppName=a["AppName"], **owner)
    wait(apps)
    for s in spaces():
        delete(sm.delete_space, SpaceName=s["SpaceName"])
    wait(spaces)
    for p in profiles():
        delete(sm.delete_user_profile, UserProfileName=p["UserProfileName"])
    wait(profiles)
    delete(sm.delete_domain, RetentionPolicy={"HomeEfsFileSystem": "Delete"})

    def domain():
        try:
            return sm.describe_domain(DomainId=D)
        except sm.exceptions.ResourceNotFound:
            return None
    wait(domain)
    groups = [g for g in ec2.describe_security_groups(
        Filters=[{"Name": "vpc-id", "Values": [os.environ["VPC"]]}])["SecurityGroups"]
        if D in g["GroupName"]]
    for g in groups:  # the inbound and outbound NFS groups name each other in their rules
        if g["IpPermissions"]:
            ec2.revoke_security_group_ingress(GroupId=g["GroupId"], IpPermissions=g["IpPermissions"])
        if g["IpPermissionsEgress"]:
            ec2.revoke_security_group_egress(
                GroupId=g["GroupId"], IpPermissions=g["IpPermissionsEgress"])
    for _ in range(30):  # until the EFS mount targets' interfaces are gone
        for g in list(groups):
            try:
                ec2.delete_security_group(GroupId=g["GroupId"])
                groups.remove(g)
            except ec2.exceptions.ClientError as e:
                print("retrying", g["GroupId"], e)
        if not groups:
            return
        time.sleep(10)


def handler(event, context):
    try:
        if event["RequestType"] == "Delete":
            clean()
        cfnresponse.send(event, context, cfnresponse.SUCCESS, {})
    except Exception as e:
        print("domain cleanup failed", e)
        cfnresponse.send(event, context, cfnresponse.FAILED, {}, reason=str(e)[:200])

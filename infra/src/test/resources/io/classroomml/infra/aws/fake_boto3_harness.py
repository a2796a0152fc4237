# Runs a cleanup function (teardown.py, or domain_cleanup.py with "domain") against a fake boto3
# that records every request and keeps a small Studio domain's state: alice's profile with an app,
# alice's space with a running app, bob's space with a running app, both profiles, the domain and
# its two NFS security groups next to the VPC's default group. Deleting an app makes it Deleting,
# then Deleted at the next look; deleting a space, profile or domain removes it. Prints one JSON
# object: the requests of each run (Delete, then, for teardown.py, the budget stop).
#   python3 fake_boto3_harness.py <script.py> <env.json> [domain]
import json
import os
import runpy
import sys
import time
import types

time.sleep = lambda seconds: None
calls = []
state = {}


def reset():
    state["domain"] = True
    state["profiles"] = ["alice--notebook", "bob--notebook"]
    state["spaces"] = {"alice--s1": "alice--notebook", "bob--s1": "bob--notebook"}
    state["apps"] = [
        {"AppType": "JupyterLab", "AppName": "default", "SpaceName": "alice--s1",
         "Status": "InService"},
        {"AppType": "JupyterLab", "AppName": "default", "SpaceName": "bob--s1",
         "Status": "InService"},
        {"AppType": "JupyterServer", "AppName": "default", "UserProfileName": "alice--notebook",
         "Status": "InService"},
    ]


def camel(name):
    return "".join(part.capitalize() for part in name.split("_"))


class ClientError(Exception):
    pass


class ResourceNotFound(ClientError):
    pass


class Paginator:
    def __init__(self, client, op):
        self.client, self.op = client, op

    def paginate(self, **kw):
        calls.append({"service": self.client.service, "operation": camel(self.op), "request": kw})
        return [self.client.page(self.op, kw)]


class Client:
    exceptions = types.SimpleNamespace(ClientError=ClientError, ResourceNotFound=ResourceNotFound)

    def __init__(self, service):
        self.service = service

    def get_paginator(self, op):
        return Paginator(self, op)

    def page(self, op, kw):
        if op == "list_spaces":
            return {"Spaces": [{"SpaceName": s, "OwnershipSettingsSummary":
                                {"OwnerUserProfileName": o}} for s, o in state["spaces"].items()]}
        if op == "list_apps":
            wanted = {k[:-len("Equals")]: v for k, v in kw.items() if k != "DomainIdEquals"}
            apps = [a for a in state["apps"] if all(a.get(k) == v for k, v in wanted.items())]
            page = [dict(a) for a in apps]
            for a in apps:
                if a["Status"] == "Deleting":
                    a["Status"] = "Deleted"
            return {"Apps": page}
        if op == "list_user_profiles":
            return {"UserProfiles": [{"UserProfileName": p} for p in state["profiles"]]}
        return {"AttachedPolicies": [], "TrainingJobSummaries": [], "Models": [],
                "HyperParameterTuningJobSummaries": [], "TransformJobSummaries": []}

    def __getattr__(self, name):
        def call(**kw):
            calls.append({"service": self.service, "operation": camel(name), "request": kw})
            if name == "delete_app":
                for a in state["apps"]:
                    if (a["AppName"], a.get("SpaceName"), a.get("UserProfileName")) == (
                            kw["AppName"], kw.get("SpaceName"), kw.get("UserProfileName")):
                        a["Status"] = "Deleting"
            if name == "delete_space":
                state["spaces"].pop(kw["SpaceName"])
            if name == "delete_user_profile":
                state["profiles"].remove(kw["UserProfileName"])
            if name == "delete_domain":
                state["domain"] = False
            if name == "describe_domain" and not state["domain"]:
                raise ResourceNotFound(kw["DomainId"])
            if name == "describe_security_groups":
                d = os.environ["DOMAIN"]
                return {"SecurityGroups": [
                    {"GroupId": "sg-" + str(i), "GroupName": n, "IpPermissions": [{"p": i}],
                     "IpPermissionsEgress": [{"p": i}]}
                    for i, n in enumerate(["default", "security-group-for-inbound-nfs-" + d,
                                           "security-group-for-outbound-nfs-" + d])]}
            return {}
        return call


class Versions:
    def delete(self):
        calls.append({"service": "s3", "operation": "EmptyBucket", "request": {}})


boto3 = types.ModuleType("boto3")
boto3.client = Client
boto3.resource = lambda name: types.SimpleNamespace(
    Bucket=lambda bucket: types.SimpleNamespace(object_versions=Versions()))
cfnresponse = types.ModuleType("cfnresponse")
cfnresponse.SUCCESS, cfnresponse.FAILED = "SUCCESS", "FAILED"
cfnresponse.send = lambda event, context, status, data, reason=None: calls.append(
    {"service": "cloudformation", "operation": "Response", "request": {"Status": status,
                                                                       "Reason": reason}})
sys.modules["boto3"], sys.modules["cfnresponse"] = boto3, cfnresponse
os.environ.update(json.load(open(sys.argv[2])))
out = {}
events = (("delete", {"RequestType": "Delete"}), ("stop", {"Records": [{}]}))
for run, event in events[:1] if sys.argv[3:] == ["domain"] else events:
    reset()
    calls.clear()
    runpy.run_path(sys.argv[1])["handler"](event, None)
    out[run] = list(calls)
print(json.dumps(out))

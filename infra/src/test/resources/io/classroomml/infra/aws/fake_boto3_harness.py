# Runs teardown.py against a fake boto3 that records every request and keeps a small Studio
# domain's state: alice's profile with an app, alice's space with a running app, bob's space with
# a running app. Deleting an app makes it Deleting, then Deleted at the next look; deleting a
# space removes it. Prints one JSON object: the requests of each run (Delete, then budget stop).
#   python3 fake_boto3_harness.py <teardown.py> <env.json>
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


class Paginator:
    def __init__(self, client, op):
        self.client, self.op = client, op

    def paginate(self, **kw):
        calls.append({"service": self.client.service, "operation": camel(self.op), "request": kw})
        return [self.client.page(self.op, kw)]


class Client:
    exceptions = types.SimpleNamespace(ClientError=ClientError)

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
for run, event in (("delete", {"RequestType": "Delete"}), ("stop", {"Records": [{}]})):
    reset()
    calls.clear()
    runpy.run_path(sys.argv[1])["handler"](event, None)
    out[run] = list(calls)
print(json.dumps(out))

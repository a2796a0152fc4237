"""Writes the TorchScript fixture of the transfer-learning test: the trainer's smallcnn written in
PyTorch (same layers and order), with weights set to a repeating pattern so the test can recognise
them after training (and git compresses the file).

/usr/bin/python3 scripts/lib/export_torchscript.py OUT.pt CHANNELS CLASSES
"""
import sys

import torch
import torch.nn as nn

out, channels, classes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])


def conv_bn_relu(cin, cout):
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]


net = nn.Sequential(
    *conv_bn_relu(channels, 32), *conv_bn_relu(32, 32), nn.MaxPool2d(2),
    *conv_bn_relu(32, 64), *conv_bn_relu(64, 64), nn.MaxPool2d(2),
    *conv_bn_relu(64, 128), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.0),
    nn.Linear(128, classes))
with torch.no_grad():
    for p in net.parameters():
        flat = torch.arange(p.numel(), dtype=torch.float32)
        p.copy_(((flat % 5) - 2).mul(0.01).reshape(p.shape))
net.eval()
torch.jit.script(net).save(out)

"""P3: the trainer's smallcnn step in PyTorch through Python, same batch, threads and recipe.

python3 scripts/lib/train_torch.py CHANNELS SIZE BATCH STEPS THREADS [LAYOUT]  -> one JSON line
LAYOUT is contiguous (PyTorch's default, what a user gets) or channels_last (the layout the DJL
trainer gives oneDNN on CPU). Data is resident random uint8 pixels (the step's cost does not
depend on the values).
"""
import json
import sys
import time

import torch
import torch.nn as nn

channels, size, batch, steps, threads = (int(a) for a in sys.argv[1:6])
layout = sys.argv[6] if len(sys.argv) > 6 else "contiguous"
memory_format = {"contiguous": torch.contiguous_format, "channels_last": torch.channels_last}[layout]
torch.set_num_threads(threads)
torch.manual_seed(0)


def conv_bn_relu(cin, cout):
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]


net = nn.Sequential(
    *conv_bn_relu(channels, 32), *conv_bn_relu(32, 32), nn.MaxPool2d(2),
    *conv_bn_relu(32, 64), *conv_bn_relu(64, 64), nn.MaxPool2d(2),
    *conv_bn_relu(64, 128), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.0),
    nn.Linear(128, 10)).to(memory_format=memory_format)
opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9, nesterov=True, weight_decay=5e-4)
loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)
pixels = torch.randint(0, 256, (batch, channels, size, size), dtype=torch.uint8)
labels = torch.randint(0, 10, (batch,))
mean, std = 127.5, 63.75


def step():
    x = ((pixels.float() - mean) / std).contiguous(memory_format=memory_format)
    opt.zero_grad(set_to_none=True)
    loss = loss_fn(net(x), labels)
    loss.backward()
    opt.step()
    return loss.item()


for _ in range(5):
    step()
start = time.perf_counter()
for _ in range(steps):
    step()
elapsed = time.perf_counter() - start
print(json.dumps({"framework": "pytorch " + torch.__version__, "layout": layout,
                  "batch": batch, "threads": threads,
                  "images_per_second": round(steps * batch / elapsed, 1)}))

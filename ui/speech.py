"""Offline text-to-speech for elderly mode: eSpeak NG from the `espeakng-loader` wheel (voice data inside)."""

from __future__ import annotations

import ctypes
import io
import re
import threading
import wave
from typing import Any

_LOCK = threading.Lock()
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_Callback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)
_SPOKEN_MAX = 600


class Speaker:
    """Reads text aloud into WAV bytes; one synthesis at a time (the engine is process-global)."""

    def __init__(self) -> None:
        import espeakng_loader  # type: ignore[import-untyped]

        self._lib: Any = ctypes.CDLL(espeakng_loader.get_library_path())
        self._lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        self._lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                                           ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
        self._lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        self.rate = int(self._lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0,
                                                    espeakng_loader.get_data_path().encode(), 0))
        if self.rate <= 0:
            raise RuntimeError("语音引擎初始化失败")
        self._pcm = bytearray()
        self._callback = _Callback(self._collect)  # kept on self: the engine holds only a raw pointer
        self._lib.espeak_SetSynthCallback(self._callback)

    def _collect(self, wav: Any, samples: int, _events: Any) -> int:
        if wav and samples > 0:
            self._pcm.extend(ctypes.string_at(wav, samples * 2))
        return 0

    def wav(self, text: str, language: str = "zh") -> bytes:
        """`text` spoken in Mandarin (`zh`) or English (`en`), as a 16-bit mono WAV file."""
        spoken = _speakable(text)[:_SPOKEN_MAX].encode()
        voice = b"cmn" if language == "zh" else b"en"
        with _LOCK:
            self._pcm = bytearray()
            if self._lib.espeak_SetVoiceByName(voice) != 0:
                raise RuntimeError("语音引擎没有该语言")
            self._lib.espeak_Synth(spoken, len(spoken) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
            self._lib.espeak_Synchronize()
            pcm = bytes(self._pcm)
        out = io.BytesIO()
        with wave.open(out, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(self.rate)
            w.writeframes(pcm)
        return out.getvalue()


def _speakable(text: str) -> str:
    """Drop citation markers and symbols a voice would spell out."""
    text = re.sub(r"\[\d{1,3}\]", "", text)
    return re.sub(r"[#*_`>|~]", " ", text).strip()


_SPEAKER: Speaker | None = None


def speaker() -> Speaker | None:
    """The shared speaker, or None where the offline voice cannot be loaded on this machine."""
    global _SPEAKER
    if _SPEAKER is None:
        try:
            _SPEAKER = Speaker()
        except (ImportError, OSError, RuntimeError):
            return None
    return _SPEAKER

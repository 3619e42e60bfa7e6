"""Chat."""

from __future__ import annotations

from specblocks.components._generated.chatbot import ChatbotBase


class Chatbot(ChatbotBase):
    __doc__ = ChatbotBase.__doc__


__all__ = ["Chatbot"]

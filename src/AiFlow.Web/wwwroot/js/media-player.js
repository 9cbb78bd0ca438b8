// Transcript segments seek the audio player they belong to (the run inspector and the review panel).
window.aiflowMedia = {
  seek(playerId, seconds) {
    const player = document.getElementById(playerId);
    if (!player) return;
    player.currentTime = seconds;
    player.play().catch(() => { /* autoplay refused: the position is still set */ });
  },
};
